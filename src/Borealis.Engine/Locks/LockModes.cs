namespace Borealis.Engine.Locks;

/// <summary>
/// Conflict and coverage rules between lock modes, following InnoDB's lock_rec_has_to_wait
/// and lock_mode_stronger_or_eq (storage/innobase/lock/lock0lock.cc).
/// </summary>
public static class LockModes
{
    public static bool IsTableMode(this LockMode mode) => mode is >= LockMode.TableIntentionShared and <= LockMode.TableExclusive;

    public static bool IsRecordMode(this LockMode mode) => mode is >= LockMode.SharedNextKey and <= LockMode.InsertIntention;

    /// <summary>True for modes that lock the record itself (next-key and record-only).</summary>
    public static bool LocksRecord(this LockMode mode) => mode is >= LockMode.SharedNextKey and <= LockMode.ExclusiveRecord;

    /// <summary>True for modes that lock the gap below the record (next-key, gap, insert intention).</summary>
    public static bool LocksGap(this LockMode mode) => mode is LockMode.SharedNextKey or LockMode.ExclusiveNextKey or LockMode.SharedGap or LockMode.ExclusiveGap or LockMode.InsertIntention;

    private static bool IsExclusive(LockMode mode) => mode is LockMode.TableExclusive or LockMode.ExclusiveNextKey or LockMode.ExclusiveRecord or LockMode.ExclusiveGap or LockMode.InsertIntention;

    /// <summary>
    /// Whether a request for <paramref name="requested"/> must wait for a lock in
    /// <paramref name="held"/> (granted or waiting ahead of it) of another transaction on the
    /// same target. Not symmetric: an insert intention waits for a gap lock, never the reverse.
    /// Locks of one transaction never conflict with each other; the caller skips them.
    /// </summary>
    public static bool MustWait(LockMode requested, LockMode held)
    {
        if (requested.IsTableMode() != held.IsTableMode())
            throw new ArgumentException($"{requested} and {held} cannot be on the same target");
        if (requested.IsTableMode()) return !TableCompatible(requested, held);

        // InnoDB's mode matrix first: only S with S is compatible (an insert intention is X).
        if (!IsExclusive(requested) && !IsExclusive(held)) return false;
        // A plain gap request never waits: gap locks exist only to stop inserts.
        if (requested is LockMode.SharedGap or LockMode.ExclusiveGap) return false;
        // A record request does not care about gap-only locks (insert intentions included).
        if (requested.LocksRecord() && !held.LocksRecord()) return false;
        // An insert intention does not care about locks on the record only.
        if (requested == LockMode.InsertIntention && !held.LocksGap()) return false;
        // Nothing waits for an insert intention: inserts into one gap do not block each other.
        if (held == LockMode.InsertIntention) return false;
        return true;
    }

    private static bool TableCompatible(LockMode a, LockMode b) => (a, b) switch
    {
        (LockMode.TableExclusive, _) or (_, LockMode.TableExclusive) => false,
        (LockMode.TableIntentionShared, _) or (_, LockMode.TableIntentionShared) => true,
        (LockMode.TableIntentionExclusive, LockMode.TableIntentionExclusive) => true,
        (LockMode.TableShared, LockMode.TableShared) => true,
        _ => false,
    };

    /// <summary>
    /// Whether holding <paramref name="held"/> already gives everything <paramref name="requested"/>
    /// would, so a transaction asking again is answered at once without a new lock.
    /// </summary>
    public static bool Covers(LockMode held, LockMode requested)
    {
        if (held == requested) return true;
        if (held.IsTableMode() != requested.IsTableMode()) return false;
        if (held.IsTableMode())
        {
            return held switch
            {
                LockMode.TableExclusive => true,
                LockMode.TableShared or LockMode.TableIntentionExclusive => requested == LockMode.TableIntentionShared,
                _ => false,
            };
        }
        // An insert intention is covered only by itself: it is about a pending insert, not access.
        if (held == LockMode.InsertIntention || requested == LockMode.InsertIntention) return false;
        if (IsExclusive(requested) && !IsExclusive(held)) return false;
        var recordCovered = !requested.LocksRecord() || held.LocksRecord();
        var gapCovered = !requested.LocksGap() || held.LocksGap();
        return recordCovered && gapCovered;
    }

    /// <summary>The gap-only lock of the same strength as <paramref name="mode"/> (what a record's heir inherits).</summary>
    internal static LockMode GapOf(LockMode mode) => IsExclusive(mode) ? LockMode.ExclusiveGap : LockMode.SharedGap;

    /// <summary>
    /// On the supremum every lock is a gap lock (it has no record), as in InnoDB; a next-key
    /// lock there becomes the gap lock of the same strength.
    /// </summary>
    internal static LockMode OnSupremum(LockMode mode) => mode switch
    {
        LockMode.SharedNextKey => LockMode.SharedGap,
        LockMode.ExclusiveNextKey => LockMode.ExclusiveGap,
        LockMode.SharedGap or LockMode.ExclusiveGap or LockMode.InsertIntention => mode,
        _ => throw new ArgumentException($"{mode} cannot be taken on the supremum, which has no record", nameof(mode)),
    };

    /// <summary>The mode as information_schema.data_locks.LOCK_MODE spells it.</summary>
    public static string ToInnoDbString(this LockMode mode) => mode switch
    {
        LockMode.TableIntentionShared => "IS",
        LockMode.TableIntentionExclusive => "IX",
        LockMode.TableShared => "S",
        LockMode.TableExclusive => "X",
        LockMode.SharedNextKey => "S",
        LockMode.ExclusiveNextKey => "X",
        LockMode.SharedRecord => "S,REC_NOT_GAP",
        LockMode.ExclusiveRecord => "X,REC_NOT_GAP",
        LockMode.SharedGap => "S,GAP",
        LockMode.ExclusiveGap => "X,GAP",
        LockMode.InsertIntention => "X,GAP,INSERT_INTENTION",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };
}
