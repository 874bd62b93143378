namespace Borealis.Engine.Locks;

/// <summary>
/// InnoDB's lock modes. The first four go on tables, the rest on records (and the supremum).
/// A record lock's "gap" is the open interval between the previous key of the index and
/// the locked key. See docs/engine.md, "Locks", for the compatibility matrix.
/// </summary>
public enum LockMode : byte
{
    /// <summary>IS: the transaction will take S locks on records of the table.</summary>
    TableIntentionShared = 1,

    /// <summary>IX: the transaction will take X locks on records of the table.</summary>
    TableIntentionExclusive = 2,

    /// <summary>S on the whole table (LOCK TABLES ... READ).</summary>
    TableShared = 3,

    /// <summary>X on the whole table (LOCK TABLES ... WRITE).</summary>
    TableExclusive = 4,

    /// <summary>S next-key: the record and the gap below it (a locking read under REPEATABLE READ).</summary>
    SharedNextKey = 5,

    /// <summary>X next-key: the record and the gap below it (UPDATE, DELETE, FOR UPDATE scans).</summary>
    ExclusiveNextKey = 6,

    /// <summary>S on the record only (InnoDB's REC_NOT_GAP; unique point reads, READ COMMITTED).</summary>
    SharedRecord = 7,

    /// <summary>X on the record only (InnoDB's REC_NOT_GAP).</summary>
    ExclusiveRecord = 8,

    /// <summary>S on the gap only. Gap locks only keep inserts out; they never conflict with each other.</summary>
    SharedGap = 9,

    /// <summary>X on the gap only; behaves exactly as <see cref="SharedGap"/> against every other lock.</summary>
    ExclusiveGap = 10,

    /// <summary>
    /// The gap lock an insert takes on the record above the new key: it waits for gap and
    /// next-key locks of other transactions, and no lock ever waits for it.
    /// </summary>
    InsertIntention = 11,
}
