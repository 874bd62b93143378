using System.Buffers.Binary;
using System.Text;
using Borealis.Engine.BTrees;
using Borealis.Engine.Locks;
using Borealis.Engine.Transactions;

namespace Borealis.Engine.Tests.Transactions;

/// <summary>The anomaly tests of issue 4: concurrent transactions against InnoDB's rules.</summary>
public sealed class LockingTests(FleetFixture fixture) : IClassFixture<FleetFixture>
{
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(60);

    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);
    private static byte[] N(long v) { var b = new byte[8]; BinaryPrimitives.WriteInt64BigEndian(b, v); return b; }
    private static long L(byte[] b) => BinaryPrimitives.ReadInt64BigEndian(b);

    private async Task<(Database Db, IndexTree Index)> OpenAsync(TimeSpan? lockWait = null)
    {
        var db = await Database.OpenAsync(await fixture.OpenVolumeAsync(FleetFixture.NewVolumeId()),
            new DatabaseOptions { BufferPoolFrames = 128, LockWaitTimeout = lockWait ?? TimeSpan.FromSeconds(30) });
        return (db, await db.CreateIndexAsync());
    }

    private static async Task<T> Within<T>(Task<T> task) => await task.WaitAsync(Watchdog);
    private static async Task Within(Task task) => await task.WaitAsync(Watchdog);

    [Fact]
    public async Task Bank_transfers_with_locking_reads_keep_the_total_under_repeatable_read()
    {
        var (db, index) = await OpenAsync();
        await using var _ = db;
        const int accounts = 8;
        await using (var setup = db.Begin())
        {
            for (var a = 0; a < accounts; a++) await setup.InsertAsync(index, B($"acct{a}"), N(1000));
            await setup.CommitAsync();
        }
        var deadlocks = 0;
        var transfers = 0;
        var running = true;
        async Task TransferAsync(int seed)
        {
            var random = new Random(seed);
            for (var i = 0; i < 40; i++)
            {
                var from = random.Next(accounts);
                var to = (from + 1 + random.Next(accounts - 1)) % accounts;
                var amount = random.Next(1, 50);
                while (true)
                {
                    await using var t = db.Begin();
                    try
                    {
                        var a = L((await t.GetAsync(index, B($"acct{from}"), ReadMode.LockExclusive))!);
                        var b = L((await t.GetAsync(index, B($"acct{to}"), ReadMode.LockExclusive))!);
                        await t.UpdateAsync(index, B($"acct{from}"), N(a - amount));
                        await t.UpdateAsync(index, B($"acct{to}"), N(b + amount));
                        await t.CommitAsync();
                        Interlocked.Increment(ref transfers);
                        break;
                    }
                    catch (LockDeadlockException)
                    {
                        Assert.Equal(TransactionState.RolledBack, t.State);
                        Interlocked.Increment(ref deadlocks);
                    }
                }
            }
        }
        async Task AuditAsync()
        {
            while (Volatile.Read(ref running))
            {
                await using var t = db.Begin(IsolationLevel.RepeatableRead, readOnly: true);
                var total = (await t.ScanAsync(index, KeyRange.All).ToListAsync()).Sum(e => L(e.Value));
                Assert.Equal(accounts * 1000, total);
            }
        }
        var audit = Task.Run(AuditAsync);
        await Within(Task.WhenAll(Enumerable.Range(0, 4).Select(s => Task.Run(() => TransferAsync(s)))));
        Volatile.Write(ref running, false);
        await Within(audit);
        Assert.Equal(160, transfers);
        await using var check = db.Begin();
        Assert.Equal(accounts * 1000, (await check.ScanAsync(index, KeyRange.All).ToListAsync()).Sum(e => L(e.Value)));
    }

    [Fact]
    public async Task Read_modify_write_with_for_update_loses_no_update()
    {
        var (db, index) = await OpenAsync();
        await using var _ = db;
        await using (var setup = db.Begin())
        {
            await setup.InsertAsync(index, B("counter"), N(0));
            await setup.CommitAsync();
        }
        await Within(Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                await using var t = db.Begin();
                var v = L((await t.GetAsync(index, B("counter"), ReadMode.LockExclusive))!);
                await t.UpdateAsync(index, B("counter"), N(v + 1));
                await t.CommitAsync();
            }
        }))));
        await using var check = db.Begin();
        Assert.Equal(100, L((await check.GetAsync(index, B("counter")))!));
    }

    [Fact]
    public async Task Serializable_forbids_write_skew_where_repeatable_read_allows_it()
    {
        // Two doctors on call; each transaction lets one go off call if the other is on call.
        async Task<int> OnCallAfterBothTryAsync(IsolationLevel isolation)
        {
            var (db, index) = await OpenAsync();
            await using var _ = db;
            await using (var setup = db.Begin())
            {
                await setup.InsertAsync(index, B("alice"), N(1));
                await setup.InsertAsync(index, B("bob"), N(1));
                await setup.CommitAsync();
            }
            var bothRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var readers = 0;
            async Task GoOffCallAsync(string me)
            {
                await using var t = db.Begin(isolation);
                try
                {
                    var onCall = (await t.ScanAsync(index, KeyRange.All).ToListAsync()).Sum(e => L(e.Value));
                    if (Interlocked.Increment(ref readers) == 2) bothRead.SetResult();
                    await bothRead.Task;
                    if (onCall >= 2) await t.UpdateAsync(index, B(me), N(0));
                    await t.CommitAsync();
                }
                catch (LockDeadlockException) { bothRead.TrySetResult(); }
            }
            await Within(Task.WhenAll(Task.Run(() => GoOffCallAsync("alice")), Task.Run(() => GoOffCallAsync("bob"))));
            await using var check = db.Begin();
            return (int)(await check.ScanAsync(index, KeyRange.All).ToListAsync()).Sum(e => L(e.Value));
        }
        Assert.Equal(0, await OnCallAfterBothTryAsync(IsolationLevel.RepeatableRead)); // the write skew InnoDB allows
        Assert.Equal(1, await OnCallAfterBothTryAsync(IsolationLevel.Serializable));   // one of them was the deadlock victim
    }

    [Fact]
    public async Task A_deadlock_rolls_back_the_younger_transaction_and_the_older_proceeds()
    {
        var (db, index) = await OpenAsync();
        await using var _ = db;
        await using (var setup = db.Begin())
        {
            await setup.InsertAsync(index, B("a"), N(0));
            await setup.InsertAsync(index, B("b"), N(0));
            await setup.CommitAsync();
        }
        var older = db.Begin();
        var younger = db.Begin();
        await older.UpdateAsync(index, B("a"), N(1));
        await younger.UpdateAsync(index, B("b"), N(2));
        var olderWaits = older.UpdateAsync(index, B("b"), N(1)).AsTask();
        await Task.Delay(100);
        Assert.False(olderWaits.IsCompleted);
        var e = await Assert.ThrowsAsync<LockDeadlockException>(async () => await younger.UpdateAsync(index, B("a"), N(2)));
        Assert.Equal(1213, e.ErrorNumber);
        Assert.Equal("40001", e.SqlState);
        Assert.Equal(TransactionState.RolledBack, younger.State);
        Assert.True(await Within(olderWaits));
        await older.CommitAsync();
        await using var check = db.Begin();
        Assert.Equal(1, L((await check.GetAsync(index, B("a")))!));
        Assert.Equal(1, L((await check.GetAsync(index, B("b")))!));
    }

    [Fact]
    public async Task A_lock_wait_times_out_with_1205_and_only_the_statement_fails()
    {
        var (db, index) = await OpenAsync(TimeSpan.FromMilliseconds(300));
        await using var _ = db;
        await using (var setup = db.Begin())
        {
            await setup.InsertAsync(index, B("a"), N(0));
            await setup.CommitAsync();
        }
        await using var holder = db.Begin();
        await holder.UpdateAsync(index, B("a"), N(1));
        await using var waiter = db.Begin();
        waiter.StartStatement();
        await waiter.InsertAsync(index, B("z"), N(9));
        waiter.StartStatement();
        var e = await Assert.ThrowsAsync<LockWaitTimeoutException>(async () => await waiter.UpdateAsync(index, B("a"), N(2)));
        Assert.Equal(1205, e.ErrorNumber);
        waiter.RollbackStatement();
        Assert.Equal(TransactionState.Active, waiter.State);
        await waiter.CommitAsync(); // its earlier statement stands
        await using var check = db.Begin();
        Assert.Equal(9, L((await check.GetAsync(index, B("z")))!));
    }

    [Fact]
    public async Task A_locking_range_read_has_no_phantoms_whichever_comes_first()
    {
        var (db, index) = await OpenAsync();
        await using var _ = db;
        await using (var setup = db.Begin())
        {
            foreach (var k in new long[] { 10, 20, 30 }) await setup.InsertAsync(index, N(k), N(k));
            await setup.CommitAsync();
        }
        var range = new KeyRange(KeyBound.AtOrAbove(N(10)), KeyBound.AtOrBelow(N(25)));

        // The scan first: an insert into its range waits until the scanner ends.
        var scanner = db.Begin();
        Assert.Equal(2, (await scanner.ScanAsync(index, range, mode: ReadMode.LockShared).ToListAsync()).Count);
        var inserter = db.Begin();
        var insert = Task.Run(async () => await inserter.InsertAsync(index, N(15), N(15)));
        await Task.Delay(200);
        Assert.False(insert.IsCompleted, "an insert into a locked range did not wait");
        Assert.Equal(2, (await scanner.ScanAsync(index, range, mode: ReadMode.LockShared).ToListAsync()).Count);
        await scanner.CommitAsync();
        Assert.True(await Within(insert));

        // The insert first: the locking scan waits for the inserter, then sees its row.
        var scan = Task.Run(async () =>
        {
            await using var t = db.Begin();
            return (await t.ScanAsync(index, range, mode: ReadMode.LockExclusive).ToListAsync()).Count;
        });
        await Task.Delay(200);
        Assert.False(scan.IsCompleted, "a locking scan did not wait for an uncommitted insert in its range");
        await inserter.CommitAsync();
        Assert.Equal(3, await Within(scan));
    }

    [Fact]
    public async Task A_backward_locking_scan_also_keeps_inserts_out_of_the_top_of_its_range()
    {
        var (db, index) = await OpenAsync();
        await using var _ = db;
        await using (var setup = db.Begin())
        {
            foreach (var k in new long[] { 10, 20, 30 }) await setup.InsertAsync(index, N(k), N(k));
            await setup.CommitAsync();
        }
        var range = new KeyRange(KeyBound.AtOrAbove(N(10)), KeyBound.AtOrBelow(N(25)));
        var scanner = db.Begin();
        Assert.Equal(2, (await scanner.ScanAsync(index, range, ScanDirection.Backward, ReadMode.LockShared).ToListAsync()).Count);
        var inserter = db.Begin();
        var insert = Task.Run(async () => await inserter.InsertAsync(index, N(22), N(22)));
        await Task.Delay(200);
        Assert.False(insert.IsCompleted, "an insert above the highest row of a backward locking scan did not wait");
        await scanner.CommitAsync();
        Assert.True(await Within(insert));
        await inserter.CommitAsync();
    }

    [Fact]
    public async Task A_concurrent_insert_of_the_same_key_waits_then_sees_the_duplicate()
    {
        var (db, index) = await OpenAsync();
        await using var _ = db;
        var first = db.Begin();
        Assert.True(await first.InsertAsync(index, B("k"), N(1)));
        await using var second = db.Begin();
        var insert = second.InsertAsync(index, B("k"), N(2)).AsTask();
        await Task.Delay(150);
        Assert.False(insert.IsCompleted);
        await first.CommitAsync();
        Assert.False(await Within(insert));
    }

    [Fact]
    public async Task Nowait_fails_at_once_and_skip_locked_skips_the_locked_rows()
    {
        var (db, index) = await OpenAsync();
        await using var _ = db;
        await using (var setup = db.Begin())
        {
            for (var k = 1; k <= 5; k++) await setup.InsertAsync(index, N(k), N(k));
            await setup.CommitAsync();
        }
        await using var holder = db.Begin(IsolationLevel.ReadCommitted);
        await holder.GetAsync(index, N(2), ReadMode.LockExclusive);
        await holder.GetAsync(index, N(4), ReadMode.LockExclusive);

        await using var other = db.Begin(IsolationLevel.ReadCommitted);
        other.StartStatement();
        other.LockWaitPolicy = LockWaitPolicy.NoWait;
        var e = await Assert.ThrowsAsync<LockNowaitException>(async () => await other.GetAsync(index, N(2), ReadMode.LockExclusive));
        Assert.Equal(3572, e.ErrorNumber);
        other.StartStatement();
        other.LockWaitPolicy = LockWaitPolicy.SkipLocked;
        var free = await other.ScanAsync(index, KeyRange.All, mode: ReadMode.LockExclusive).ToListAsync();
        Assert.Equal([1L, 3L, 5L], free.Select(r => L(r.Key)));
    }
}
