using Borealis.Engine.Locks;
using Borealis.Engine.Transactions;
using CsCheck;
using static Borealis.Engine.Tests.Locks.Locking;

namespace Borealis.Engine.Tests.Locks;

/// <summary>
/// Random sequences of acquire, release and cancel, one at a time, against a sequential
/// model of InnoDB's queues written plainly (lists, no pooling, no cursors). After every
/// step the manager's queues must equal the model's, and every task must say what the model
/// says: granted, still waiting, or failed with the right error. Deadlocks are checked by
/// property (each victim is the youngest of a cycle; none is left), then replayed.
/// </summary>
public class LockModelTests
{
    private const int Transactions = 5;
    private const int TableIndex = 4;
    private static readonly LockTarget[] Targets = [Rec(10), Rec(20), Rec(30), Supremum, TableTarget];

    private abstract record Op;
    private sealed record AcquireOp(int Trx, int Target, LockMode Mode, LockWaitPolicy Policy, bool Cancellable) : Op;
    private sealed record ReleaseOp(int Trx) : Op;
    private sealed record CancelOp(int Trx) : Op;

    private static readonly Gen<Op> GenAcquire =
        Gen.Select(Gen.Int[1, Transactions], Gen.Int[0, Targets.Length - 1], Gen.Int[0, 99], Gen.Frequency((8, Gen.Const(LockWaitPolicy.Block)), (1, Gen.Const(LockWaitPolicy.NoWait)), (1, Gen.Const(LockWaitPolicy.SkipLocked))), Gen.Bool)
            .Select<int, int, int, LockWaitPolicy, bool, Op>((trx, target, pick, policy, cancellable) =>
            {
                var mode = target == TableIndex ? TableModes[pick % TableModes.Length] : RecordModes[pick % RecordModes.Length];
                if (Targets[target].Kind == LockTargetKind.Supremum && mode is LockMode.SharedRecord or LockMode.ExclusiveRecord) mode = LockMode.SharedGap;
                return new AcquireOp(trx, target, mode, policy, cancellable);
            });

    private static readonly Gen<Op> GenOp = Gen.Frequency(
        (10, GenAcquire),
        (3, Gen.Int[1, Transactions].Select<int, Op>(t => new ReleaseOp(t))),
        (1, Gen.Int[1, Transactions].Select<int, Op>(t => new CancelOp(t))));

    [Fact]
    public void The_manager_behaves_as_the_sequential_model() =>
        GenOp.List[1, 80].Sample(ops => RunAsync(ops).GetAwaiter().GetResult(), iter: 400, threads: 1);

    private sealed record Entry(int Trx, LockMode Mode)
    {
        public bool Granted { get; set; }
    }

    private sealed class Harness : IDisposable
    {
        public readonly LockManager Locks = new();
        public readonly List<Entry>[] Queues = [.. Targets.Select(_ => new List<Entry>())];
        /// <summary>The waiting request of each transaction in the model: its target and entry.</summary>
        public readonly Dictionary<int, (int Target, Entry Entry, Task<bool> Task, CancellationTokenSource? Cancel)> Waiting = [];

        public void Dispose()
        {
            foreach (var w in Waiting.Values) w.Cancel?.Dispose();
            Locks.Dispose();
        }
    }

    private static async Task RunAsync(List<Op> ops)
    {
        using var h = new Harness();
        foreach (var op in ops)
        {
            switch (op)
            {
                case AcquireOp a: await AcquireAsync(h, a); break;
                case ReleaseOp r: await ReleaseAsync(h, r.Trx); break;
                case CancelOp c: await CancelAsync(h, c.Trx); break;
            }
            CompareQueues(h);
        }
    }

    private static async Task AcquireAsync(Harness h, AcquireOp a)
    {
        var target = Targets[a.Target];
        var mode = target.Kind == LockTargetKind.Supremum ? SupremumMode(a.Mode) : a.Mode;
        var wait = a.Policy switch
        {
            LockWaitPolicy.NoWait => LockWait.NoWait,
            LockWaitPolicy.SkipLocked => LockWait.SkipLocked,
            _ => LockWait.Block(Timeout.InfiniteTimeSpan),
        };
        if (h.Waiting.ContainsKey(a.Trx))
        {
            Assert.Throws<InvalidOperationException>(() => h.Locks.AcquireAsync(T((ulong)a.Trx), target, a.Mode, wait));
            return;
        }
        var cancel = a.Cancellable ? new CancellationTokenSource() : null;
        var task = h.Locks.AcquireAsync(T((ulong)a.Trx), target, a.Mode, wait, cancel?.Token ?? default).AsTask();
        var queue = h.Queues[a.Target];

        if (queue.Any(e => e.Trx == a.Trx && e.Granted && LockModes.Covers(e.Mode, mode)) || !Blocked(queue, a.Trx, mode, null))
        {
            if (mode != LockMode.InsertIntention && !queue.Any(e => e.Trx == a.Trx && e.Granted && LockModes.Covers(e.Mode, mode)))
                AddGranted(queue, new Entry(a.Trx, mode) { Granted = true });
            Assert.True(await task.Within());
            cancel?.Dispose();
            return;
        }
        if (a.Policy == LockWaitPolicy.SkipLocked)
        {
            Assert.False(await task.Within());
            cancel?.Dispose();
            return;
        }
        if (a.Policy == LockWaitPolicy.NoWait)
        {
            await Assert.ThrowsAsync<LockNowaitException>(() => task.Within());
            cancel?.Dispose();
            return;
        }
        var entry = new Entry(a.Trx, mode);
        queue.Add(entry);
        h.Waiting[a.Trx] = (a.Target, entry, task, cancel);
        await ResolveDeadlocksAsync(h);
    }

    /// <summary>Granted locks come first in a queue, then the waiting ones in arrival order.</summary>
    private static void AddGranted(List<Entry> queue, Entry entry) => queue.Insert(queue.Count(e => e.Granted), entry);

    private static LockMode SupremumMode(LockMode mode) => mode switch
    {
        LockMode.SharedNextKey => LockMode.SharedGap,
        LockMode.ExclusiveNextKey => LockMode.ExclusiveGap,
        _ => mode,
    };

    /// <summary>What the manager's queue order promises: wait for any conflicting granted lock, and any conflicting waiter ahead.</summary>
    private static bool Blocked(List<Entry> queue, int trx, LockMode mode, Entry? self)
    {
        var ahead = true;
        foreach (var other in queue)
        {
            if (other == self) { ahead = false; continue; }
            if (other.Trx != trx && (other.Granted || ahead) && LockModes.MustWait(mode, other.Mode)) return true;
        }
        return false;
    }

    private static IEnumerable<int> WaitsFor(Harness h, int trx)
    {
        if (!h.Waiting.TryGetValue(trx, out var w)) return [];
        var queue = h.Queues[w.Target];
        var ahead = true;
        var result = new List<int>();
        foreach (var other in queue)
        {
            if (other == w.Entry) { ahead = false; continue; }
            if (other.Trx != w.Entry.Trx && (other.Granted || ahead) && LockModes.MustWait(w.Entry.Mode, other.Mode)) result.Add(other.Trx);
        }
        return result;
    }

    /// <summary>Whether <paramref name="trx"/> is on a cycle whose other members are all older than it.</summary>
    private static bool YoungestOfACycle(Harness h, int trx)
    {
        var seen = new HashSet<int>();
        var frontier = new Stack<int>(WaitsFor(h, trx));
        while (frontier.Count > 0)
        {
            var next = frontier.Pop();
            if (next == trx) return true;
            if (next > trx || !seen.Add(next)) continue;
            foreach (var n in WaitsFor(h, next)) frontier.Push(n);
        }
        return false;
    }

    private static bool AnyCycle(Harness h) => h.Waiting.Keys.Any(t => ReachesItself(h, t));

    private static bool ReachesItself(Harness h, int trx)
    {
        var seen = new HashSet<int>();
        var frontier = new Stack<int>(WaitsFor(h, trx));
        while (frontier.Count > 0)
        {
            var next = frontier.Pop();
            if (next == trx) return true;
            if (!seen.Add(next)) continue;
            foreach (var n in WaitsFor(h, next)) frontier.Push(n);
        }
        return false;
    }

    private static async Task ResolveDeadlocksAsync(Harness h)
    {
        // Victims are the model's waiters whose request left the manager's queue.
        var snapshot = h.Locks.Snapshot().Locks;
        var victims = h.Waiting.Where(w => !snapshot.Any(l => l.Transaction == T((ulong)w.Key) && l.Target == Targets[w.Value.Target] && l.Mode == w.Value.Entry.Mode)).Select(w => w.Key).ToList();
        if (victims.Count == 0)
        {
            Assert.False(AnyCycle(h), "a deadlock was left undetected");
            return;
        }
        foreach (var victim in victims) Assert.True(YoungestOfACycle(h, victim), $"T{victim} was chosen as a victim but is not the youngest of a cycle");
        foreach (var victim in victims)
        {
            var w = h.Waiting[victim];
            await Assert.ThrowsAsync<LockDeadlockException>(() => w.Task.Within());
            await AbortAsync(h, victim, grant: victims.Count == 1);
        }
        if (victims.Count > 1)
        {
            // The order victims were taken in decides grants on a queue they shared: take the manager's.
            foreach (var queue in h.Queues) queue.Clear();
            foreach (var l in h.Locks.Snapshot().Locks)
                h.Queues[Array.IndexOf(Targets, l.Target)].Add(new Entry((int)l.Transaction.Value, l.Mode) { Granted = l.Granted });
            foreach (var (trx, w) in h.Waiting.ToList())
            {
                if (!w.Entry.Granted && h.Queues[w.Target].Any(e => e.Trx == trx && e.Mode == w.Entry.Mode && e.Granted))
                {
                    Assert.True(await w.Task.Within());
                    h.Waiting.Remove(trx);
                }
                else
                {
                    h.Waiting[trx] = w with { Entry = h.Queues[w.Target].Single(e => e.Trx == trx && !e.Granted) };
                }
            }
        }
        Assert.False(AnyCycle(h), "a deadlock was left after choosing victims");
    }

    /// <summary>Takes a transaction's waiting request out of the model, then grants behind it.</summary>
    private static async Task AbortAsync(Harness h, int trx, bool grant)
    {
        var w = h.Waiting[trx];
        h.Waiting.Remove(trx);
        w.Cancel?.Dispose();
        h.Queues[w.Target].Remove(w.Entry);
        if (grant) await GrantAsync(h, w.Target);
    }

    private static async Task GrantAsync(Harness h, int target)
    {
        var queue = h.Queues[target];
        foreach (var entry in queue.Where(e => !e.Granted).ToList())
        {
            if (Blocked(queue, entry.Trx, entry.Mode, entry)) continue;
            queue.Remove(entry);
            entry.Granted = true;
            AddGranted(queue, entry);
            var w = h.Waiting[entry.Trx];
            h.Waiting.Remove(entry.Trx);
            Assert.True(await w.Task.Within());
            w.Cancel?.Dispose();
        }
    }

    private static async Task ReleaseAsync(Harness h, int trx)
    {
        h.Locks.ReleaseAll(T((ulong)trx));
        if (h.Waiting.TryGetValue(trx, out var w))
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => w.Task.Within());
            h.Waiting.Remove(trx);
            w.Cancel?.Dispose();
        }
        var touched = Enumerable.Range(0, Targets.Length).Where(t => h.Queues[t].Any(e => e.Trx == trx)).ToList();
        foreach (var t in touched)
        {
            h.Queues[t].RemoveAll(e => e.Trx == trx);
            await GrantAsync(h, t);
        }
    }

    private static async Task CancelAsync(Harness h, int trx)
    {
        if (!h.Waiting.TryGetValue(trx, out var w) || w.Cancel is null) return;
        await w.Cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => w.Task.Within());
        await AbortAsync(h, trx, grant: true);
    }

    private static void CompareQueues(Harness h)
    {
        var snapshot = h.Locks.Snapshot().Locks;
        for (var t = 0; t < Targets.Length; t++)
        {
            var actual = snapshot.Where(l => l.Target == Targets[t]).Select(l => ((int)l.Transaction.Value, l.Mode, l.Granted)).ToList();
            var expected = h.Queues[t].Select(e => (e.Trx, e.Mode, e.Granted)).ToList();
            Assert.Equal(expected, actual);
        }
        foreach (var (trx, w) in h.Waiting) Assert.False(w.Task.IsCompleted, $"T{trx} should still wait");
        var census = h.Locks.Census();
        Assert.Equal(h.Queues.Count(q => q.Count > 0), census.Targets);
        Assert.Equal(h.Waiting.Count, census.Waiting);
    }
}
