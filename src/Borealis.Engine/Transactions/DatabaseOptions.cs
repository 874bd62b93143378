namespace Borealis.Engine.Transactions;

public sealed record DatabaseOptions
{
    /// <summary>Buffer pool size in 16 KiB frames (default 8,192 = 128 MiB).</summary>
    public int BufferPoolFrames { get; init; } = 8192;

    /// <summary>innodb_lock_wait_timeout: how long a row lock wait lasts before error 1205.</summary>
    public TimeSpan LockWaitTimeout { get; init; } = TimeSpan.FromSeconds(50);
}
