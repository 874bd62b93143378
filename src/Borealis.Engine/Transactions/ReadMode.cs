namespace Borealis.Engine.Transactions;

/// <summary>How a read sees rows: from the transaction's snapshot, or the newest committed version under a lock.</summary>
public enum ReadMode
{
    /// <summary>A consistent (non-locking) read from the snapshot.</summary>
    Snapshot,
    /// <summary>SELECT ... FOR SHARE / LOCK IN SHARE MODE: the newest committed version, shared-locked.</summary>
    LockShared,
    /// <summary>SELECT ... FOR UPDATE, UPDATE, DELETE: the newest committed version, exclusively locked.</summary>
    LockExclusive,
}
