using Borealis.Engine.Transactions;
using System.Diagnostics;
using Borealis.Engine.Locks;
using static Borealis.Engine.Tests.Locks.Locking;

namespace Borealis.Engine.Tests.Locks;

public class LockManagerTests
{
    [Fact]
    public void A_lock_held_already_or_held_stronger_is_granted_again_without_a_new_entry()
    {
        using var locks = new LockManager();
        locks.Hold(1, Rec(1), LockMode.ExclusiveNextKey);
        locks.Hold(1, Rec(1), LockMode.SharedRecord);
        locks.Hold(1, Rec(1), LockMode.ExclusiveGap);
        Assert.Single(locks.Snapshot().Locks);
    }

    [Fact]
    public async Task Conflicting_waiters_are_granted_first_come_first_served()
    {
        using var locks = new LockManager();
        locks.Hold(1, Rec(5), LockMode.ExclusiveRecord);
        var second = locks.Wait(2, Rec(5), LockMode.ExclusiveRecord);
        var third = locks.Wait(3, Rec(5), LockMode.SharedRecord);
        // Compatible with nothing granted but T2's X would be overtaken: it queues too.
        var fourth = locks.Wait(4, Rec(5), LockMode.SharedRecord);

        locks.ReleaseAll(T(1));
        Assert.True(await second.Within());
        Assert.False(third.IsCompleted);
        Assert.False(fourth.IsCompleted);

        locks.ReleaseAll(T(2));
        Assert.True(await third.Within());
        Assert.True(await fourth.Within());
    }

    [Fact]
    public void A_request_compatible_with_holders_and_waiters_is_granted_at_once_past_the_queue()
    {
        using var locks = new LockManager();
        locks.Hold(1, TableTarget, LockMode.TableIntentionExclusive);
        var tableRead = locks.Wait(2, TableTarget, LockMode.TableShared);
        // IX conflicts with the waiting S: it queues behind it.
        var intentToWrite = locks.Wait(3, TableTarget, LockMode.TableIntentionExclusive);
        // IS conflicts with neither the granted IX nor the waiting S.
        locks.Hold(4, TableTarget, LockMode.TableIntentionShared);
        Assert.False(tableRead.IsCompleted);
        Assert.False(intentToWrite.IsCompleted);

        // A gap lock never waits, even behind a queue on the record.
        locks.Hold(1, Rec(9), LockMode.SharedRecord);
        var writer = locks.Wait(2 + 10, Rec(9), LockMode.ExclusiveRecord);
        locks.Hold(13, Rec(9), LockMode.ExclusiveGap);
        Assert.False(writer.IsCompleted);
    }

    [Fact]
    public async Task An_upgrade_from_S_to_X_is_granted_at_once_alone_and_waits_for_other_S_holders()
    {
        using var locks = new LockManager();
        locks.Hold(1, Rec(1), LockMode.SharedRecord);
        locks.Hold(1, Rec(1), LockMode.ExclusiveRecord);

        locks.Hold(2, Rec(2), LockMode.SharedRecord);
        locks.Hold(3, Rec(2), LockMode.SharedRecord);
        var upgrade = locks.Wait(2, Rec(2), LockMode.ExclusiveRecord);
        locks.ReleaseAll(T(3));
        Assert.True(await upgrade.Within());
        Assert.False(locks.WouldGrant(4, Rec(2), LockMode.SharedRecord));
    }

    [Fact]
    public async Task A_next_key_lock_keeps_an_insert_out_of_its_gap_until_released()
    {
        // The phantom scenario: T1 ran SELECT ... WHERE k > 10 AND k < 20 FOR SHARE over keys
        // 10, 20 and holds next-key S on 20 (the gap 10..20 and the record 20).
        using var locks = new LockManager();
        locks.Hold(1, Rec(10), LockMode.SharedNextKey);
        locks.Hold(1, Rec(20), LockMode.SharedNextKey);

        // T2 inserts 15: insert intention on the record above, 20.
        var insert = locks.Wait(2, Rec(20), LockMode.InsertIntention);
        // Inserting 25 (gap 20..supremum) is not in T1's range and goes ahead; so does a
        // reader of record 20 and an update of a record outside, not of 20 itself.
        Assert.True(locks.WouldGrant(3, Supremum, LockMode.InsertIntention));
        Assert.True(locks.WouldGrant(3, Rec(20), LockMode.SharedRecord));
        Assert.False(locks.WouldGrant(3, Rec(20), LockMode.ExclusiveRecord));

        locks.ReleaseAll(T(1));
        Assert.True(await insert.Within());
    }

    [Fact]
    public void Insert_intentions_do_not_block_each_other_nor_record_locks_and_gap_locks_never_conflict()
    {
        using var locks = new LockManager();
        Assert.True(locks.WouldGrant(1, Rec(20), LockMode.InsertIntention));
        Assert.True(locks.WouldGrant(2, Rec(20), LockMode.InsertIntention));

        locks.Hold(3, Rec(30), LockMode.ExclusiveRecord);
        Assert.True(locks.WouldGrant(4, Rec(30), LockMode.InsertIntention));

        locks.Hold(5, Rec(40), LockMode.ExclusiveGap);
        locks.Hold(6, Rec(40), LockMode.SharedGap);
        locks.Hold(7, Rec(40), LockMode.ExclusiveNextKey);
        Assert.False(locks.WouldGrant(8, Rec(40), LockMode.InsertIntention));
    }

    [Fact]
    public void On_the_supremum_every_lock_is_a_gap_lock()
    {
        using var locks = new LockManager();
        locks.Hold(1, Supremum, LockMode.ExclusiveNextKey);
        locks.Hold(2, Supremum, LockMode.ExclusiveNextKey);
        Assert.All(locks.Snapshot().Locks, l => Assert.Equal(LockMode.ExclusiveGap, l.Mode));
        Assert.False(locks.WouldGrant(3, Supremum, LockMode.InsertIntention));
        Assert.Throws<ArgumentException>(() => locks.AcquireAsync(T(3), Supremum, LockMode.ExclusiveRecord, Patient));
    }

    [Fact]
    public void A_mode_is_refused_on_a_target_of_the_wrong_kind()
    {
        using var locks = new LockManager();
        Assert.Throws<ArgumentException>(() => locks.AcquireAsync(T(1), TableTarget, LockMode.SharedNextKey, Patient));
        Assert.Throws<ArgumentException>(() => locks.AcquireAsync(T(1), Rec(1), LockMode.TableShared, Patient));
        Assert.Throws<ArgumentException>(() => locks.AcquireAsync(T(1), default, LockMode.TableShared, Patient));
    }

    [Fact]
    public async Task NOWAIT_fails_with_error_3572_and_queues_nothing()
    {
        using var locks = new LockManager();
        locks.Hold(1, Rec(1), LockMode.ExclusiveRecord);
        var error = await Assert.ThrowsAsync<LockNowaitException>(async () => await locks.AcquireAsync(T(2), Rec(1), LockMode.SharedRecord, LockWait.NoWait));
        Assert.Equal(3572, error.ErrorNumber);
        Assert.Equal("HY000", error.SqlState);
        Assert.Equal("Statement aborted because lock(s) could not be acquired immediately and NOWAIT is set.", error.Message);
        Assert.Equal((1, 1, 0), locks.Census());
    }

    [Fact]
    public void SKIP_LOCKED_answers_false_and_queues_nothing()
    {
        using var locks = new LockManager();
        locks.Hold(1, Rec(1), LockMode.ExclusiveRecord);
        Assert.False(locks.WouldGrant(2, Rec(1), LockMode.SharedNextKey));
        Assert.True(locks.WouldGrant(2, Rec(2), LockMode.SharedNextKey));
        Assert.Equal((2, 2, 0), locks.Census());
    }

    [Fact]
    public async Task A_wait_times_out_with_error_1205_and_the_waiter_behind_it_moves_up()
    {
        using var locks = new LockManager();
        locks.Hold(1, Rec(1), LockMode.SharedRecord);
        var clock = Stopwatch.StartNew();
        var writer = locks.Wait(2, Rec(1), LockMode.ExclusiveRecord, LockWait.Block(TimeSpan.FromMilliseconds(100)));
        var reader = locks.Wait(3, Rec(1), LockMode.SharedRecord, LockWait.Block(Timeout.InfiniteTimeSpan));

        var error = await Assert.ThrowsAsync<LockWaitTimeoutException>(() => writer.Within());
        Assert.True(clock.ElapsedMilliseconds >= 90, $"timed out after {clock.ElapsedMilliseconds} ms");
        Assert.Equal(1205, error.ErrorNumber);
        Assert.Equal("HY000", error.SqlState);
        Assert.Equal("Lock wait timeout exceeded; try restarting transaction", error.Message);
        // The timed-out writer was all that kept the reader behind.
        Assert.True(await reader.Within());
    }

    [Fact]
    public async Task Cancelling_a_wait_withdraws_the_request()
    {
        using var locks = new LockManager();
        using var cancel = new CancellationTokenSource();
        locks.Hold(1, Rec(1), LockMode.SharedRecord);
        var writer = locks.Wait(2, Rec(1), LockMode.ExclusiveRecord, cancellationToken: cancel.Token);
        var reader = locks.Wait(3, Rec(1), LockMode.SharedRecord);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writer.Within());
        Assert.True(await reader.Within());
        Assert.Equal((1, 2, 0), locks.Census());
    }

    [Fact]
    public async Task Release_wakes_only_the_waiters_it_unblocks()
    {
        using var locks = new LockManager();
        locks.Hold(1, Rec(1), LockMode.ExclusiveRecord);
        locks.Hold(2, Rec(2), LockMode.ExclusiveRecord);
        locks.Hold(2, Rec(3), LockMode.SharedRecord);
        var onFirst = locks.Wait(3, Rec(1), LockMode.ExclusiveRecord);
        var onSecond = locks.Wait(4, Rec(2), LockMode.ExclusiveRecord);
        var onThird = locks.Wait(5, Rec(3), LockMode.ExclusiveRecord);

        locks.ReleaseAll(T(1));
        Assert.True(await onFirst.Within());
        Assert.False(onSecond.IsCompleted);
        Assert.False(onThird.IsCompleted);

        // T2 held two locks; both waiters go.
        locks.ReleaseAll(T(2));
        Assert.True(await onSecond.Within());
        Assert.True(await onThird.Within());
    }

    [Fact]
    public void Released_transactions_leave_no_entries_behind()
    {
        using var locks = new LockManager();
        for (var k = 0; k < 100; k++)
        {
            locks.Hold(1, Rec(k), LockMode.ExclusiveNextKey);
            locks.Hold(2, Rec(k), LockMode.SharedGap);
        }
        locks.Hold(1, TableTarget, LockMode.TableIntentionExclusive);
        Assert.Equal((101, 2, 0), locks.Census());
        locks.ReleaseAll(T(1));
        locks.ReleaseAll(T(2));
        locks.ReleaseAll(T(3));
        Assert.Equal((0, 0, 0), locks.Census());
        Assert.Empty(locks.Snapshot().Locks);
    }

    [Fact]
    public void A_transaction_waits_for_one_lock_at_a_time()
    {
        using var locks = new LockManager();
        locks.Hold(1, Rec(1), LockMode.ExclusiveRecord);
        _ = locks.Wait(2, Rec(1), LockMode.ExclusiveRecord);
        Assert.Throws<InvalidOperationException>(() => locks.AcquireAsync(T(2), Rec(2), LockMode.ExclusiveRecord, Patient));
    }

    [Fact]
    public void The_key_is_copied_so_the_caller_may_reuse_its_buffer()
    {
        using var locks = new LockManager();
        var key = new byte[] { 1, 2, 3 };
        locks.Hold(1, LockTarget.OfRecord(TestIndex, key), LockMode.ExclusiveRecord);
        key[0] = 9;
        Assert.False(locks.WouldGrant(2, LockTarget.OfRecord(TestIndex, new byte[] { 1, 2, 3 }), LockMode.SharedRecord));
        Assert.True(locks.WouldGrant(2, LockTarget.OfRecord(TestIndex, key), LockMode.SharedRecord));
        // The same key in another index is another record.
        Assert.True(locks.WouldGrant(2, LockTarget.OfRecord(new IndexId(TestIndex.Value + 1), new byte[] { 1, 2, 3 }), LockMode.ExclusiveRecord));
    }

    [Fact]
    public void The_snapshot_lists_holders_waiters_and_who_waits_for_whom()
    {
        using var locks = new LockManager();
        locks.Hold(1, Rec(1), LockMode.SharedRecord);
        locks.Hold(2, Rec(1), LockMode.SharedRecord);
        _ = locks.Wait(3, Rec(1), LockMode.ExclusiveNextKey);
        var snapshot = locks.Snapshot();
        Assert.Equal(
            [
                new LockSnapshot.Lock(T(1), Rec(1), LockMode.SharedRecord, true),
                new LockSnapshot.Lock(T(2), Rec(1), LockMode.SharedRecord, true),
                new LockSnapshot.Lock(T(3), Rec(1), LockMode.ExclusiveNextKey, false),
            ],
            snapshot.Locks);
        Assert.Equal(
            [
                new LockSnapshot.Wait(T(3), LockMode.ExclusiveNextKey, T(1), LockMode.SharedRecord, Rec(1)),
                new LockSnapshot.Wait(T(3), LockMode.ExclusiveNextKey, T(2), LockMode.SharedRecord, Rec(1)),
            ],
            snapshot.Waits);
    }

    [Fact]
    public async Task Disposing_the_manager_fails_its_waits()
    {
        var locks = new LockManager();
        locks.Hold(1, Rec(1), LockMode.ExclusiveRecord);
        var waiting = locks.Wait(2, Rec(1), LockMode.ExclusiveRecord, LockWait.BlockWithDefaultTimeout);
        locks.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting.Within());
        Assert.Throws<ObjectDisposedException>(() => locks.AcquireAsync(T(3), Rec(2), LockMode.SharedRecord, Patient));
        Assert.Equal(TimeSpan.FromSeconds(50), LockWait.DefaultTimeout);
    }
}
