using Borealis.Engine.Locks;
using Borealis.Engine.Transactions;
using Xunit.Abstractions;
using static Borealis.Engine.Tests.Locks.Locking;

namespace Borealis.Engine.Tests.Locks;

/// <summary>
/// Many transactions take random locks in random order at once, some with short timeouts,
/// NOWAIT, SKIP LOCKED or a cancellation. Each must end (granted everything, or a victim,
/// timed out, cancelled) within a watchdog; meanwhile no two incompatible locks are ever
/// granted together and no waiter is left without something to wait for.
/// </summary>
public class LockStressTests(ITestOutputHelper output)
{
    private const int Workers = 16;
    private const int TransactionsPerWorker = 150;

    [Fact]
    public async Task Random_transactions_end_and_never_hold_incompatible_locks()
    {
        using var locks = new LockManager();
        var held = new HeldLocks();
        var counts = new Counts();
        var nextId = 0L;
        using var done = new CancellationTokenSource();

        var scanner = Task.Run(async () =>
        {
            var scans = 0;
            while (!done.IsCancellationRequested)
            {
                CheckSnapshot(locks.Snapshot());
                scans++;
                await Task.Yield();
            }
            return scans;
        });
        var workers = Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w * 7919 + 1);
            for (var i = 0; i < TransactionsPerWorker; i++)
                await RunTransactionAsync(locks, held, counts, new TransactionId((ulong)Interlocked.Increment(ref nextId)), random);
        })).ToArray();

        // The watchdog: a hang fails the test, and the scanner's findings fail it at once.
        var all = Task.WhenAll(workers);
        var first = await Task.WhenAny(all, scanner, Task.Delay(60_000));
        if (first == scanner) await scanner;
        Assert.True(first == all, $"hung; waiting now: {string.Join(", ", locks.Snapshot().Locks.Where(l => !l.Granted))}");
        await done.CancelAsync();
        var scans = await scanner.Within();

        output.WriteLine($"committed {counts.Committed}, deadlock victims {counts.Victims}, timeouts {counts.Timeouts}, cancelled {counts.Cancelled}, nowait {counts.NoWait}, skipped {counts.Skipped}, snapshot scans {scans}");
        Assert.Equal((0, 0, 0), locks.Census());
        Assert.True(counts.Victims > 0, "the workload should make deadlocks");
        Assert.True(counts.Committed > Workers * TransactionsPerWorker / 4);
    }

    private static async Task RunTransactionAsync(LockManager locks, HeldLocks held, Counts counts, TransactionId id, Random random)
    {
        try
        {
            if (random.Next(4) == 0)
                await AcquireAndCheckAsync(locks, held, counts, id, TableTarget, TableModes[random.Next(TableModes.Length)], LockWait.Block(Timeout.InfiniteTimeSpan), random);
            var count = random.Next(1, 6);
            for (var i = 0; i < count; i++)
            {
                var target = random.Next(9) == 0 ? Supremum : Rec(random.Next(6));
                var mode = RecordModes[random.Next(RecordModes.Length)];
                if (target.Kind == LockTargetKind.Supremum && mode is LockMode.SharedRecord or LockMode.ExclusiveRecord) mode = LockMode.ExclusiveGap;
                var wait = random.Next(20) switch
                {
                    0 => LockWait.NoWait,
                    1 => LockWait.SkipLocked,
                    2 => LockWait.Block(TimeSpan.FromMilliseconds(random.Next(1, 5))),
                    _ => LockWait.Block(Timeout.InfiniteTimeSpan),
                };
                if (random.Next(3) == 0) await Task.Yield();
                await AcquireAndCheckAsync(locks, held, counts, id, target, mode, wait, random);
            }
            Interlocked.Increment(ref counts.Committed);
        }
        catch (LockDeadlockException) { Interlocked.Increment(ref counts.Victims); }
        catch (LockWaitTimeoutException) { Interlocked.Increment(ref counts.Timeouts); }
        catch (LockNowaitException) { Interlocked.Increment(ref counts.NoWait); }
        catch (OperationCanceledException) { Interlocked.Increment(ref counts.Cancelled); }
        finally
        {
            // Forget before releasing: a lock granted after the release must not meet this one.
            held.Forget(id);
            locks.ReleaseAll(id);
        }
    }

    private static async Task AcquireAndCheckAsync(LockManager locks, HeldLocks held, Counts counts, TransactionId id, LockTarget target, LockMode mode, LockWait wait, Random random)
    {
        using var cancel = random.Next(30) == 0 ? new CancellationTokenSource(TimeSpan.FromMilliseconds(random.Next(0, 3))) : null;
        var granted = await locks.AcquireAsync(id, target, mode, wait, cancel?.Token ?? default);
        if (!granted)
        {
            Interlocked.Increment(ref counts.Skipped);
            return;
        }
        held.Add(id, target, mode);
    }

    /// <summary>Under the manager's latch, so consistent: granted locks agree and every waiter waits for someone.</summary>
    private static void CheckSnapshot(LockSnapshot snapshot)
    {
        foreach (var group in snapshot.Locks.GroupBy(l => l.Target))
        {
            var granted = group.Where(l => l.Granted).ToList();
            foreach (var a in granted)
                foreach (var b in granted)
                    Assert.False(a.Transaction != b.Transaction && LockModes.MustWait(a.Mode, b.Mode) && LockModes.MustWait(b.Mode, a.Mode),
                        $"{a.Transaction} {a.Mode} and {b.Transaction} {b.Mode} both granted on {a.Target}");
        }
        var blocked = snapshot.Waits.Select(w => w.Waiting).ToHashSet();
        foreach (var waiting in snapshot.Locks.Where(l => !l.Granted))
            Assert.True(blocked.Contains(waiting.Transaction), $"{waiting.Transaction} waits for {waiting.Mode} on {waiting.Target} but nothing blocks it");
    }

    private sealed class Counts
    {
        public int Committed, Victims, Timeouts, Cancelled, NoWait, Skipped;
    }

    /// <summary>
    /// What the test believes is held, checked as each grant arrives: a lock granted to one
    /// transaction must not be one that waits for a lock still held by another. Insert
    /// intentions are not recorded: granted at once, they leave no lock.
    /// </summary>
    private sealed class HeldLocks
    {
        private readonly Lock _gate = new();
        private readonly List<(TransactionId Transaction, LockTarget Target, LockMode Mode)> _held = [];

        public void Add(TransactionId transaction, LockTarget target, LockMode mode)
        {
            if (mode == LockMode.InsertIntention) return;
            if (target.Kind == LockTargetKind.Supremum && mode is LockMode.SharedNextKey) mode = LockMode.SharedGap;
            if (target.Kind == LockTargetKind.Supremum && mode is LockMode.ExclusiveNextKey) mode = LockMode.ExclusiveGap;
            lock (_gate)
            {
                foreach (var other in _held)
                {
                    if (other.Transaction != transaction && other.Target == target)
                        Assert.False(LockModes.MustWait(mode, other.Mode), $"{transaction} got {mode} on {target} while {other.Transaction} holds {other.Mode}");
                }
                _held.Add((transaction, target, mode));
            }
        }

        public void Forget(TransactionId transaction)
        {
            lock (_gate) _held.RemoveAll(h => h.Transaction == transaction);
        }
    }
}
