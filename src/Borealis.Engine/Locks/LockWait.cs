namespace Borealis.Engine.Locks;

public enum LockWaitPolicy : byte
{
    /// <summary>Wait until granted, up to a timeout; deadlocks are detected at once.</summary>
    Block = 0,

    /// <summary>FOR UPDATE/SHARE NOWAIT: fail with <see cref="LockNowaitException"/> instead of waiting.</summary>
    NoWait = 1,

    /// <summary>FOR UPDATE/SHARE SKIP LOCKED: answer false instead of waiting, so the caller skips the row.</summary>
    SkipLocked = 2,
}

/// <summary>
/// What an acquire does when the lock cannot be granted at once. Made by its factories; a
/// default value blocks with a zero timeout, failing any wait at once with 1205.
/// </summary>
public readonly record struct LockWait
{
    /// <summary>innodb_lock_wait_timeout's default, 50 seconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(50);

    private LockWait(LockWaitPolicy policy, TimeSpan timeout)
    {
        Policy = policy;
        Timeout = timeout;
    }

    public LockWaitPolicy Policy { get; }

    /// <summary>How long a <see cref="LockWaitPolicy.Block"/> wait lasts; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for ever.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Wait up to <paramref name="timeout"/>, then fail with <see cref="LockWaitTimeoutException"/>.</summary>
    public static LockWait Block(TimeSpan timeout)
    {
        if (timeout < TimeSpan.Zero && timeout != System.Threading.Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "a lock wait timeout is not negative");
        return new LockWait(LockWaitPolicy.Block, timeout);
    }

    /// <summary>Wait up to innodb_lock_wait_timeout's default of 50 seconds.</summary>
    public static LockWait BlockWithDefaultTimeout => Block(DefaultTimeout);

    public static LockWait NoWait => new(LockWaitPolicy.NoWait, TimeSpan.Zero);

    public static LockWait SkipLocked => new(LockWaitPolicy.SkipLocked, TimeSpan.Zero);
}
