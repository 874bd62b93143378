using Borealis.Engine.BTrees;
using Borealis.Engine.Locks;

namespace Borealis.Engine.Transactions;

public sealed partial class Transaction
{
    private readonly List<(IndexId Index, byte[] Key)> _pendingInserts = [];

    /// <summary>innodb_lock_wait_timeout for this transaction's lock waits.</summary>
    public TimeSpan LockWaitTimeout { get; set; }

    /// <summary>
    /// How the next locking reads wait: FOR UPDATE NOWAIT and SKIP LOCKED set it for one
    /// statement (<see cref="StartStatement"/> resets it to blocking).
    /// </summary>
    public LockWaitPolicy LockWaitPolicy { get; set; }

    private LockWait Wait => LockWaitPolicy switch
    {
        LockWaitPolicy.NoWait => LockWait.NoWait,
        LockWaitPolicy.SkipLocked => LockWait.SkipLocked,
        _ => LockWait.Block(LockWaitTimeout),
    };

    /// <summary>
    /// READ COMMITTED and READ UNCOMMITTED lock records only; REPEATABLE READ and SERIALIZABLE
    /// lock the gap below each record too (next-key locks), as InnoDB does.
    /// </summary>
    private bool LocksGaps => Isolation is IsolationLevel.RepeatableRead or IsolationLevel.Serializable;

    /// <summary>A point lock (locking read of one key, UPDATE, DELETE): record-only, as InnoDB's on a unique key.</summary>
    private ValueTask<bool> LockRecordAsync(IndexTree index, byte[] key, bool exclusive, CancellationToken cancellationToken) =>
        AcquireAsync(LockTarget.OfRecord(index.Id, key), exclusive ? LockMode.ExclusiveRecord : LockMode.SharedRecord, cancellationToken);

    /// <summary>A record met by a locking scan: next-key under REPEATABLE READ, record-only under READ COMMITTED.</summary>
    private ValueTask<bool> LockNextKeyAsync(IndexTree index, byte[] key, bool exclusive, CancellationToken cancellationToken) =>
        AcquireAsync(LockTarget.OfRecord(index.Id, key), (exclusive, LocksGaps) switch
        {
            (true, true) => LockMode.ExclusiveNextKey,
            (true, false) => LockMode.ExclusiveRecord,
            (false, true) => LockMode.SharedNextKey,
            _ => LockMode.SharedRecord,
        }, cancellationToken);

    /// <summary>
    /// After a locking scan: the gap between the range's highest record and the first key
    /// beyond it (or the end of the index) is locked, so nothing can be inserted at the range's
    /// top, whichever way the scan ran. Every gap below a record in the range is already locked
    /// by that record's next-key lock.
    /// </summary>
    private async ValueTask LockGapAfterRangeAsync(IndexTree index, KeyRange range, bool exclusive, CancellationToken cancellationToken)
    {
        if (!LocksGaps) return;
        var next = range.High is { } high
            ? await index.Tree.FirstKeyAsync(new KeyRange(new KeyBound(high.Key, !high.Inclusive), null), ScanDirection.Forward, cancellationToken).ConfigureAwait(false)
            : null;
        await AcquireAsync(NextTarget(index, next), exclusive ? LockMode.ExclusiveGap : LockMode.SharedGap, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The record a key's gap belongs to: the next key, or the supremum when there is none.</summary>
    private static LockTarget NextTarget(IndexTree index, byte[]? next) =>
        next is null ? LockTarget.SupremumOf(index.Id) : LockTarget.OfRecord(index.Id, next);

    /// <summary>
    /// Before an insert: an insert intention on the record above the new key (waits for
    /// others' gap and next-key locks there: a locking scan's range stays free of phantoms),
    /// then an exclusive lock on the key itself, so that a concurrent insert of the same key,
    /// or a locking read of it, waits for this transaction's end.
    /// </summary>
    private async ValueTask LockForInsertAsync(IndexTree index, byte[] key, CancellationToken cancellationToken)
    {
        var above = await index.Tree.FirstKeyAsync(new KeyRange(KeyBound.Above(key), null), ScanDirection.Forward, cancellationToken).ConfigureAwait(false);
        await AcquireAsync(NextTarget(index, above), LockMode.InsertIntention, cancellationToken).ConfigureAwait(false);
        await AcquireAsync(LockTarget.OfRecord(index.Id, key), LockMode.ExclusiveRecord, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Registers a key this transaction will insert, for locking scans of others (see <see cref="PendingInserts"/>).</summary>
    private void NotePendingInsert(IndexTree index, byte[] key)
    {
        _database.PendingInserts.Add(index.Id, key, Id);
        _pendingInserts.Add((index.Id, key));
    }

    /// <summary>
    /// Waits for other transactions' uncommitted inserts inside a locking scan's range; true
    /// when it waited for any (the scan then runs again: those keys may exist now).
    /// </summary>
    private async ValueTask<bool> WaitForPendingInsertsAsync(IndexTree index, KeyRange range, bool exclusive, CancellationToken cancellationToken)
    {
        var pending = _database.PendingInserts.OthersIn(index.Id, k => range.IsAboveLow(k) && range.IsBelowHigh(k), Id);
        if (pending.Count == 0) return false;
        foreach (var key in pending)
            await AcquireAsync(LockTarget.OfRecord(index.Id, key), exclusive ? LockMode.ExclusiveRecord : LockMode.SharedRecord, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Takes a lock; a deadlock victim's whole transaction is rolled back, as InnoDB's is (a lock
    /// wait timeout fails only the statement, innodb_rollback_on_timeout being off by default).
    /// </summary>
    private async ValueTask<bool> AcquireAsync(LockTarget target, LockMode mode, CancellationToken cancellationToken)
    {
        try { return await _database.Locks.AcquireAsync(Id, target, mode, Wait, cancellationToken).ConfigureAwait(false); }
        catch (LockDeadlockException)
        {
            Rollback();
            throw;
        }
    }

    private void ReleaseLocks()
    {
        foreach (var (index, key) in _pendingInserts) _database.PendingInserts.Remove(index, key, Id);
        _pendingInserts.Clear();
        _database.Locks.ReleaseAll(Id);
    }
}
