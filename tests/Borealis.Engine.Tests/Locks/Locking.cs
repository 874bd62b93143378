using System.Buffers.Binary;
using Borealis.Engine.Locks;
using Borealis.Engine.Transactions;

namespace Borealis.Engine.Tests.Locks;

/// <summary>Short names for the lock tests: transactions, targets and waits.</summary>
internal static class Locking
{
    public static readonly IndexId TestIndex = new(7);
    public static readonly TableId Table = new(3);

    /// <summary>Long enough never to end a wait the test expects to be granted.</summary>
    public static readonly LockWait Patient = LockWait.Block(TimeSpan.FromSeconds(30));

    public static TransactionId T(ulong id) => new(id);

    /// <summary>The record with the 4-byte big-endian key <paramref name="key"/>, so keys order as numbers.</summary>
    public static LockTarget Rec(int key)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, key);
        return LockTarget.OfRecord(TestIndex, bytes);
    }

    public static LockTarget Supremum => LockTarget.SupremumOf(TestIndex);

    public static LockTarget TableTarget => LockTarget.OfTable(Table);

    public static readonly LockMode[] RecordModes =
    [
        LockMode.SharedNextKey, LockMode.ExclusiveNextKey, LockMode.SharedRecord, LockMode.ExclusiveRecord,
        LockMode.SharedGap, LockMode.ExclusiveGap, LockMode.InsertIntention,
    ];

    public static readonly LockMode[] TableModes =
        [LockMode.TableIntentionShared, LockMode.TableIntentionExclusive, LockMode.TableShared, LockMode.TableExclusive];

    /// <summary>Acquires a lock that must be granted at once.</summary>
    public static void Hold(this LockManager locks, ulong transaction, LockTarget target, LockMode mode)
    {
        var result = locks.AcquireAsync(T(transaction), target, mode, LockWait.NoWait);
        Assert.True(result.IsCompletedSuccessfully, $"T{transaction} {mode} on {target} was not granted at once");
        Assert.True(result.Result);
    }

    /// <summary>Starts an acquire that must wait.</summary>
    public static Task<bool> Wait(this LockManager locks, ulong transaction, LockTarget target, LockMode mode, LockWait? wait = null, CancellationToken cancellationToken = default)
    {
        var task = locks.AcquireAsync(T(transaction), target, mode, wait ?? Patient, cancellationToken).AsTask();
        Assert.False(task.IsCompleted, $"T{transaction} {mode} on {target} was not made to wait");
        return task;
    }

    /// <summary>Whether a request would be granted now, asked without queueing anything.</summary>
    public static bool WouldGrant(this LockManager locks, ulong transaction, LockTarget target, LockMode mode)
    {
        var result = locks.AcquireAsync(T(transaction), target, mode, LockWait.SkipLocked);
        Assert.True(result.IsCompletedSuccessfully);
        return result.Result;
    }

    /// <summary>Waits (bounded) for a task the test expects to end, so a bug fails instead of hanging.</summary>
    public static async Task<T> Within<T>(this Task<T> task, int milliseconds = 5000)
    {
        var winner = await Task.WhenAny(task, Task.Delay(milliseconds));
        Assert.True(winner == task, $"not done within {milliseconds} ms");
        return await task;
    }

    public static async Task Within(this Task task, int milliseconds = 5000)
    {
        var winner = await Task.WhenAny(task, Task.Delay(milliseconds));
        Assert.True(winner == task, $"not done within {milliseconds} ms");
        await task;
    }
}
