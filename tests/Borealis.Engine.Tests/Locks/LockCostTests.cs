using System.Diagnostics;
using Borealis.Engine.Locks;
using Borealis.Engine.Transactions;
using Xunit.Abstractions;
using static Borealis.Engine.Tests.Locks.Locking;

namespace Borealis.Engine.Tests.Locks;

/// <summary>
/// The uncontended path, timed and weighed without BenchmarkDotNet: a transaction takes IX
/// on its table and X on rows, then commits. Pools and pooled key buffers should leave it
/// without allocations once warm; the figures go to the test output.
/// </summary>
[Collection(nameof(LockCostTests))]
public class LockCostTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public void Uncontended_acquire_and_release_does_not_allocate(int rowsPerTransaction)
    {
        using var locks = new LockManager();
        var rows = Enumerable.Range(0, rowsPerTransaction).Select(Rec).ToArray();
        var next = 0UL;
        void Transaction()
        {
            var id = new TransactionId(++next);
            locks.AcquireAsync(id, TableTarget, LockMode.TableIntentionExclusive, LockWait.NoWait).GetAwaiter().GetResult();
            foreach (var row in rows)
                locks.AcquireAsync(id, row, LockMode.ExclusiveRecord, LockWait.NoWait).GetAwaiter().GetResult();
            locks.ReleaseAll(id);
        }

        for (var i = 0; i < 20_000; i++) Transaction();
        const int Rounds = 200_000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Rounds / rowsPerTransaction; i++) Transaction();
        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var transactions = Rounds / rowsPerTransaction;
        var locksTaken = transactions * (rowsPerTransaction + 1);
        output.WriteLine($"{rowsPerTransaction} row(s) a transaction: {clock.Elapsed.TotalNanoseconds / locksTaken:F0} ns a lock (acquire + its share of release), {(double)allocated / transactions:F1} bytes a transaction");
        Assert.True(allocated / transactions < 8, $"{allocated / transactions} bytes a transaction");
    }

    /// <summary>
    /// Every new waiter searches the wait-for graph, which on one hot row means visiting every
    /// earlier waiter and scanning the queue for each: quadratic per wait. Measured, not bounded.
    /// </summary>
    [Fact]
    public async Task A_hot_row_with_a_thousand_waiters()
    {
        using var locks = new LockManager();
        locks.Hold(1, Rec(1), LockMode.ExclusiveRecord);
        const int Waiters = 1000;
        var waits = new List<Task<bool>>(Waiters);
        var clock = Stopwatch.StartNew();
        for (var t = 2UL; t < Waiters + 2; t++) waits.Add(locks.Wait(t, Rec(1), LockMode.ExclusiveRecord));
        clock.Stop();
        output.WriteLine($"{Waiters} waiters on one row: {clock.Elapsed.TotalMicroseconds / Waiters:F0} µs a wait on average, {clock.Elapsed.TotalMilliseconds:F0} ms in all");
        for (var t = 1UL; t < Waiters + 2; t++)
        {
            locks.ReleaseAll(new TransactionId(t));
            if (t >= 2) Assert.True(await waits[(int)t - 2].Within());
        }
    }
}

/// <summary>Timings run alone: in parallel with the stress test they would measure it.</summary>
[CollectionDefinition(nameof(LockCostTests), DisableParallelization = true)]
public sealed class LockCostCollection;
