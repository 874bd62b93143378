using Borealis.Engine.Transactions;
using Borealis.Engine.Locks;
using static Borealis.Engine.Tests.Locks.Locking;

namespace Borealis.Engine.Tests.Locks;

/// <summary>Gap locks follow the gaps when records come and go (InnoDB's lock_update_insert and lock_update_delete).</summary>
public class LockInheritanceTests
{
    [Fact]
    public async Task An_inserted_record_inherits_the_gap_locks_of_the_record_above_it()
    {
        using var locks = new LockManager();
        // T2 may insert 25 into the gap 20..40; then T1 locks that gap.
        Assert.True(locks.WouldGrant(2, Rec(40), LockMode.InsertIntention));
        locks.Hold(1, Rec(40), LockMode.SharedGap);
        locks.Hold(4, Rec(40), LockMode.ExclusiveRecord);
        locks.OnRecordInserted(Rec(25), Rec(40));

        // T1's gap is now 20..25 and 25..40: an insert of 22 waits too. T4's record lock is not a gap.
        Assert.Equal([(T(1), LockMode.SharedGap)], locks.Snapshot().Locks.Where(l => l.Target == Rec(25)).Select(l => (l.Transaction, l.Mode)));
        var insert = locks.Wait(3, Rec(25), LockMode.InsertIntention);
        locks.ReleaseAll(T(1));
        Assert.True(await insert.Within());
    }

    [Fact]
    public async Task A_removed_record_passes_its_locks_to_the_record_above_as_gap_locks()
    {
        using var locks = new LockManager();
        locks.Hold(1, Rec(20), LockMode.SharedGap);        // T1 locked the gap 10..20
        locks.Hold(2, Rec(20), LockMode.ExclusiveRecord);  // T2 deletes 20 and commits
        locks.OnRecordRemoved(Rec(20), Rec(30));
        locks.ReleaseAll(T(2));

        // The gap is now 10..30 and still T1's: an insert of 25 waits.
        var insert = locks.Wait(3, Rec(30), LockMode.InsertIntention);
        Assert.Contains(locks.Snapshot().Locks, l => l.Transaction == T(1) && l.Target == Rec(30) && l.Mode == LockMode.SharedGap);
        locks.ReleaseAll(T(1));
        Assert.True(await insert.Within());
        Assert.Equal((1, 1, 0), locks.Census()); // only T3's granted insert intention is left
    }

    [Fact]
    public async Task The_last_gap_passes_to_the_supremum()
    {
        using var locks = new LockManager();
        locks.Hold(1, Rec(50), LockMode.ExclusiveNextKey);
        locks.OnRecordRemoved(Rec(50), Supremum);
        var insert = locks.Wait(2, Supremum, LockMode.InsertIntention);
        locks.ReleaseAll(T(1));
        Assert.True(await insert.Within());
    }

    [Fact]
    public async Task An_inherited_gap_lock_that_closes_a_cycle_is_a_deadlock()
    {
        using var locks = new LockManager();
        locks.Hold(3, Rec(50), LockMode.ExclusiveRecord);
        locks.Hold(4, Rec(30), LockMode.SharedGap);
        var youngerInsert = locks.Wait(3, Rec(30), LockMode.InsertIntention); // waits for T4
        locks.Hold(1, Rec(20), LockMode.SharedGap);
        var older = locks.Wait(1, Rec(50), LockMode.ExclusiveRecord);         // waits for T3

        // 20 goes: T1's gap lock moves onto 30, and T3's insert now waits for T1 as well.
        locks.OnRecordRemoved(Rec(20), Rec(30));
        await Assert.ThrowsAsync<LockDeadlockException>(() => youngerInsert.Within());
        locks.ReleaseAll(T(3));
        Assert.True(await older.Within());
    }

    [Fact]
    public void Neighbours_must_be_in_order_and_in_one_index()
    {
        using var locks = new LockManager();
        Assert.Throws<ArgumentException>(() => locks.OnRecordInserted(Rec(30), Rec(20)));
        Assert.Throws<ArgumentException>(() => locks.OnRecordRemoved(Supremum, Rec(20)));
        Assert.Throws<ArgumentException>(() => locks.OnRecordRemoved(Rec(20), LockTarget.SupremumOf(new IndexId(TestIndex.Value + 1))));
    }
}
