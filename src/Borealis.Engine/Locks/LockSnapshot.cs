using Borealis.Engine.Transactions;

namespace Borealis.Engine.Locks;

/// <summary>
/// Every lock at one moment (information_schema.data_locks) and who waits for whom
/// (data_lock_waits). Keys are copies: the snapshot stays valid while locks change.
/// </summary>
public sealed record LockSnapshot(IReadOnlyList<LockSnapshot.Lock> Locks, IReadOnlyList<LockSnapshot.Wait> Waits)
{
    /// <summary>A lock, granted or waiting; locks on one target are listed in queue order.</summary>
    public readonly record struct Lock(TransactionId Transaction, LockTarget Target, LockMode Mode, bool Granted);

    /// <summary><paramref name="Waiting"/>'s request in <paramref name="WaitingMode"/> waits for <paramref name="Blocking"/>'s lock in <paramref name="BlockingMode"/>.</summary>
    public readonly record struct Wait(TransactionId Waiting, LockMode WaitingMode, TransactionId Blocking, LockMode BlockingMode, LockTarget Target);
}
