using Borealis.Engine.BTrees;
using Borealis.Engine.Transactions;
using CsCheck;

namespace Borealis.Engine.Tests.Transactions;

/// <summary>
/// Random interleavings of several open transactions, checked step by step against a model of
/// snapshot isolation: a list of committed states, a snapshot per transaction (taken at its
/// first read; per statement under READ COMMITTED) and its own writes on top. A small buffer
/// pool makes pages leave memory; purge runs in the background. Writes by two open
/// transactions to the same key are not generated: the second would wait for the first's
/// row lock, which a sequential test cannot show.
/// </summary>
public sealed class MvccModelTests(FleetFixture fixture) : IClassFixture<FleetFixture>
{
    private const int Keys = 12;
    private const int MaxOpen = 4;

    private abstract record Op(int Trx);
    private sealed record BeginOp(int Trx, bool ReadCommitted) : Op(Trx);
    private sealed record GetOp(int Trx, int Key) : Op(Trx);
    private sealed record ScanOp(int Trx, int? Low, int? High, bool Backward) : Op(Trx);
    private sealed record WriteOp(int Trx, int Kind, int Key, int Value) : Op(Trx); // 0 insert, 1 update, 2 delete, 3 put
    private sealed record StatementOp(int Trx) : Op(Trx);
    private sealed record SavepointOp(int Trx) : Op(Trx);
    private sealed record RollbackToSavepointOp(int Trx) : Op(Trx);
    private sealed record CommitOp(int Trx) : Op(Trx);
    private sealed record RollbackOp(int Trx) : Op(Trx);

    private static readonly Gen<int> GenTrx = Gen.Int[0, MaxOpen - 1];
    private static readonly Gen<Op> GenOp = Gen.Frequency(
        (3, Gen.Select(GenTrx, Gen.Bool).Select<int, bool, Op>((t, rc) => new BeginOp(t, rc))),
        (6, Gen.Select(GenTrx, Gen.Int[0, Keys - 1]).Select<int, int, Op>((t, k) => new GetOp(t, k))),
        (3, Gen.Select(GenTrx, Gen.Int[0, Keys].Select(i => i == Keys ? (int?)null : i), Gen.Int[0, Keys].Select(i => i == Keys ? (int?)null : i), Gen.Bool)
            .Select<int, int?, int?, bool, Op>((t, l, h, b) => new ScanOp(t, l, h, b))),
        (10, Gen.Select(GenTrx, Gen.Int[0, 3], Gen.Int[0, Keys - 1], Gen.Int[0, 999]).Select<int, int, int, int, Op>((t, kind, k, v) => new WriteOp(t, kind, k, v))),
        (2, GenTrx.Select<int, Op>(t => new StatementOp(t))),
        (1, GenTrx.Select<int, Op>(t => new SavepointOp(t))),
        (1, GenTrx.Select<int, Op>(t => new RollbackToSavepointOp(t))),
        (3, GenTrx.Select<int, Op>(t => new CommitOp(t))),
        (1, GenTrx.Select<int, Op>(t => new RollbackOp(t))));

    private static byte[] Key(int k) => [(byte)'k', (byte)k];
    private static byte[] Value(int v) => BitConverter.GetBytes(v);

    private sealed class ModelTrx(Transaction real, bool readCommitted)
    {
        public Transaction Real { get; } = real;
        public bool ReadCommitted { get; } = readCommitted;
        public int? Snapshot { get; set; }
        public Dictionary<int, int?> Writes { get; } = [];
        public HashSet<int> Locked { get; } = [];
        public Dictionary<int, int?>? SavedWrites { get; set; }
    }

    [Fact]
    public async Task Interleaved_transactions_see_exactly_what_snapshot_isolation_says()
    {
        await Gen.Select(GenOp.List[1, 120], Gen.OneOfConst(16, 64)).SampleAsync(async (ops, frames) => await RunAsync(ops, frames), iter: 30, threads: 1);
    }

    private async Task RunAsync(List<Op> ops, int frames)
    {
        await using var db = await Database.OpenAsync(await fixture.OpenVolumeAsync(FleetFixture.NewVolumeId()), new DatabaseOptions { BufferPoolFrames = frames });
        var index = await db.CreateIndexAsync();
        var committed = new List<Dictionary<int, int>> { new() };
        var open = new ModelTrx?[MaxOpen];
        try
        {
            for (var step = 0; step < ops.Count; step++)
            {
                var op = ops[step];
                var trx = open[op.Trx];
                if (op is BeginOp begin)
                {
                    if (trx is not null) continue;
                    open[op.Trx] = new ModelTrx(db.Begin(begin.ReadCommitted ? IsolationLevel.ReadCommitted : IsolationLevel.RepeatableRead), begin.ReadCommitted);
                    continue;
                }
                if (trx is null) continue;
                var latest = committed[^1];
                Dictionary<int, int> SnapshotState()
                {
                    trx.Snapshot ??= committed.Count - 1;
                    return committed[trx.Snapshot.Value];
                }
                int? Sees(int k) => trx.Writes.TryGetValue(k, out var own) ? own : SnapshotState().TryGetValue(k, out var v) ? v : null;
                bool ExistsForWriter(int k) => trx.Writes.TryGetValue(k, out var own) ? own is not null : latest.ContainsKey(k);
                switch (op)
                {
                    case GetOp get:
                        {
                            var expected = Sees(get.Key);
                            var actual = await trx.Real.GetAsync(index, Key(get.Key));
                            Assert.True(expected == (actual is null ? null : BitConverter.ToInt32(actual)), $"step {step} {op}: expected {expected}, got {(actual is null ? "none" : BitConverter.ToInt32(actual))}");
                            break;
                        }
                    case ScanOp scan:
                        {
                            SnapshotState(); // any consistent read takes the snapshot, even of an empty range
                            var range = new KeyRange(scan.Low is { } l ? KeyBound.AtOrAbove(Key(l)) : null, scan.High is { } h ? KeyBound.Below(Key(h)) : null);
                            var expected = Enumerable.Range(0, Keys).Where(k => (scan.Low is null || k >= scan.Low) && (scan.High is null || k < scan.High))
                                .Select(k => (k, Sees(k))).Where(e => e.Item2 is not null).Select(e => $"{e.k}={e.Item2}").ToList();
                            if (scan.Backward) expected.Reverse();
                            var actual = (await trx.Real.ScanAsync(index, range, scan.Backward ? ScanDirection.Backward : ScanDirection.Forward).ToListAsync())
                                .Select(e => $"{e.Key[1]}={BitConverter.ToInt32(e.Value)}").ToList();
                            Assert.True(expected.SequenceEqual(actual), $"step {step} {op}: expected [{string.Join(",", expected)}], got [{string.Join(",", actual)}]");
                            break;
                        }
                    case WriteOp write:
                        {
                            // Another open transaction holds this key's row lock: the write would wait.
                            if (open.Any(o => o is not null && o != trx && o.Locked.Contains(write.Key))) break;
                            trx.Locked.Add(write.Key);
                            var exists = ExistsForWriter(write.Key);
                            bool expected;
                            bool actual;
                            switch (write.Kind)
                            {
                                case 0:
                                    expected = !exists;
                                    actual = await trx.Real.InsertAsync(index, Key(write.Key), Value(write.Value));
                                    if (expected) trx.Writes[write.Key] = write.Value;
                                    break;
                                case 1:
                                    expected = exists;
                                    actual = await trx.Real.UpdateAsync(index, Key(write.Key), Value(write.Value));
                                    if (expected) trx.Writes[write.Key] = write.Value;
                                    break;
                                case 2:
                                    expected = exists;
                                    actual = await trx.Real.DeleteAsync(index, Key(write.Key));
                                    if (expected) trx.Writes[write.Key] = null;
                                    break;
                                default:
                                    expected = exists;
                                    actual = await trx.Real.PutAsync(index, Key(write.Key), Value(write.Value));
                                    trx.Writes[write.Key] = write.Value;
                                    break;
                            }
                            Assert.True(expected == actual, $"step {step} {op}: expected {expected}, got {actual}");
                            break;
                        }
                    case StatementOp:
                        trx.Real.StartStatement();
                        if (trx.ReadCommitted) trx.Snapshot = null;
                        break;
                    case SavepointOp:
                        trx.Real.Savepoint("sp");
                        trx.SavedWrites = new Dictionary<int, int?>(trx.Writes);
                        break;
                    case RollbackToSavepointOp:
                        if (trx.SavedWrites is null) break;
                        trx.Real.RollbackToSavepoint("sp");
                        trx.Writes.Clear();
                        foreach (var (k, v) in trx.SavedWrites) trx.Writes[k] = v;
                        break;
                    case CommitOp:
                        {
                            await trx.Real.CommitAsync();
                            if (trx.Writes.Count > 0)
                            {
                                var next = new Dictionary<int, int>(latest);
                                foreach (var (k, v) in trx.Writes)
                                    if (v is { } value) next[k] = value;
                                    else next.Remove(k);
                                committed.Add(next);
                            }
                            open[op.Trx] = null;
                            break;
                        }
                    case RollbackOp:
                        trx.Real.Rollback();
                        open[op.Trx] = null;
                        break;
                }
            }
        }
        finally
        {
            foreach (var trx in open) trx?.Real.Rollback();
        }
    }
}
