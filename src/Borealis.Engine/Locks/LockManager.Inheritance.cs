namespace Borealis.Engine.Locks;

public sealed partial class LockManager
{
    // Locks are on keys, and a gap is named by the record above it, so when the set of keys
    // changes the gaps change with it and locks must follow, as InnoDB's lock_update_insert
    // and lock_update_delete (lock0lock.cc) make them. The caller knows the neighbours; the
    // manager only moves locks.

    /// <summary>
    /// Call once a record with target <paramref name="inserted"/> is in the index, where
    /// <paramref name="next"/> is the record (or supremum) just above it. The old gap below
    /// <paramref name="next"/> is now two gaps; every transaction that had the old one locked
    /// (a gap or next-key lock on <paramref name="next"/>) gets a gap lock on
    /// <paramref name="inserted"/> too, so the part below the new key stays locked.
    /// Insert intentions are not inherited.
    /// </summary>
    public void OnRecordInserted(LockTarget inserted, LockTarget next)
    {
        CheckNeighbours(inserted, next);
        lock (_latch)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_queues.TryGetValue(next, out var from)) InheritAsGaps(from, inserted, gapHoldersOnly: true);
        }
    }

    /// <summary>
    /// Call when the record <paramref name="removed"/> leaves the index for good (a delete
    /// applied at commit, a purge), where <paramref name="next"/> is the record (or supremum)
    /// just above it. Its gap merges into <paramref name="next"/>'s, so every lock granted on
    /// <paramref name="removed"/> (record, gap or next-key; not insert intentions) is given to
    /// its owner as a gap lock on <paramref name="next"/>. The locks on
    /// <paramref name="removed"/> stay until their owners release them, and its waiters keep
    /// waiting: once granted they find the record gone and move on, as InnoDB's do.
    /// </summary>
    public void OnRecordRemoved(LockTarget removed, LockTarget next)
    {
        CheckNeighbours(removed, next);
        lock (_latch)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_queues.TryGetValue(removed, out var from)) InheritAsGaps(from, next, gapHoldersOnly: false);
        }
    }

    private static void CheckNeighbours(LockTarget record, LockTarget next)
    {
        if (record.Kind != LockTargetKind.Record) throw new ArgumentException("not a record target", nameof(record));
        if (next.Kind is not (LockTargetKind.Record or LockTargetKind.Supremum) || next.Index != record.Index)
            throw new ArgumentException("the next record must be a record or the supremum of the same index", nameof(next));
        if (next.Kind == LockTargetKind.Record && next.Key.Span.SequenceCompareTo(record.Key.Span) <= 0)
            throw new ArgumentException("the next record's key must be above the record's", nameof(next));
    }

    private readonly List<TransactionLocks> _heirWaiters = [];

    private void InheritAsGaps(LockQueue from, LockTarget heirTarget, bool gapHoldersOnly)
    {
        LockQueue? heir = null;
        for (var request = from.First; request is not null; request = request.Next)
        {
            if (!request.Granted || request.Mode == LockMode.InsertIntention) continue;
            if (gapHoldersOnly && !request.Mode.LocksGap()) continue;
            var gap = LockModes.GapOf(request.Mode);
            if (heir is null && !_queues.TryGetValue(heirTarget, out heir)) heir = OpenQueue(heirTarget);
            if (!heir.IsCoveredFor(request.Owner, gap)) Grant(request.Owner, heir, gap);
        }
        if (heir is null || heir.WaitingCount == 0) return;
        // A granted gap lock is a new edge for the heir's insert intentions that wait: each
        // may now close a cycle, which nothing else would look for.
        for (var request = heir.First; request is not null; request = request.Next)
            if (!request.Granted) _heirWaiters.Add(request.Owner);
        foreach (var waiter in _heirWaiters) ResolveDeadlocks(waiter);
        _heirWaiters.Clear();
    }
}
