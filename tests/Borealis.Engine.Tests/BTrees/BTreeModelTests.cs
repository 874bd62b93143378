using Borealis.Common;
using Borealis.Engine.Buffers;
using Borealis.Engine.BTrees;
using Borealis.Engine.Keys;
using CsCheck;

namespace Borealis.Engine.Tests.BTrees;

/// <summary>
/// Random sequences of inserts, updates, deletes, lookups and scans on a tree on the embedded fleet,
/// checked after every step against a SortedDictionary. Pools are often far smaller than the
/// tree (pages are evicted and read back from the fleet), and the volume is sometimes closed
/// and reopened by a new writer with a new pool mid-sequence. Storage nodes stop and start
/// (at most two down at once, so a write quorum remains): the engine must not notice.
/// </summary>
public sealed class BTreeModelTests(FleetFixture fixture) : IClassFixture<FleetFixture>
{
    private static readonly PageId Root = new(2);
    private const int KeySpace = 500;
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(30);

    private abstract record Op;
    private sealed record InsertOp(int Key, int ValueLength) : Op;
    private sealed record DeleteOp(int Key) : Op;
    private sealed record UpdateOp(int Key, int ValueLength) : Op;
    private sealed record GetOp(int Key) : Op;
    private sealed record ScanOp(int? Low, bool LowInclusive, int? High, bool HighInclusive, ScanDirection Direction) : Op;
    private sealed record ReopenOp : Op;
    /// <summary>Stops storage node <c>Node</c>, or starts it again when it is down.</summary>
    private sealed record ToggleNodeOp(int Node) : Op;

    private static readonly Gen<int?> GenBound = Gen.Frequency((3, Gen.Int[0, KeySpace].Select(i => (int?)i)), (1, Gen.Const((int?)null)));

    private static readonly Gen<Op> GenOp = Gen.Frequency(
        (12, Gen.Select(Gen.Int[0, KeySpace - 1], Gen.Frequency((3, Gen.Int[0, 400]), (2, Gen.Int[400, 2500]))).Select<int, int, Op>((k, v) => new InsertOp(k, v))),
        (5, Gen.Int[0, KeySpace - 1].Select<int, Op>(k => new DeleteOp(k))),
        (3, Gen.Select(Gen.Int[0, KeySpace - 1], Gen.Int[0, 3000]).Select<int, int, Op>((k, v) => new UpdateOp(k, v))),
        (3, Gen.Int[0, KeySpace - 1].Select<int, Op>(k => new GetOp(k))),
        (2, Gen.Select(GenBound, Gen.Bool, GenBound, Gen.Bool, Gen.Enum<ScanDirection>()).Select<int?, bool, int?, bool, ScanDirection, Op>((l, li, h, hi, d) => new ScanOp(l, li, h, hi, d))),
        (1, Gen.Const<Op>(new ReopenOp())),
        (1, Gen.Int[0, 5].Select<int, Op>(n => new ToggleNodeOp(n))));

    /// <summary>Keys of varied length whose order is the integer's: a memcomparable int, then a string whose length varies.</summary>
    private static byte[] Key(int i) => new KeyWriter().AppendInt32(i).AppendString(new string('k', i * 37 % 120)).ToArray();

    private static byte[] Value(int key, int length)
    {
        var value = new byte[length];
        new Random(key * 31 + length).NextBytes(value);
        return value;
    }

    [Fact]
    public async Task Random_operations_agree_with_a_sorted_dictionary_through_evictions_and_reopens()
    {
        var gen = Gen.Select(GenOp.List[1, 250], Gen.OneOfConst(BufferPool.MinimumFrames, 24, 256));
        await gen.SampleAsync(async (ops, frames) => await RunAsync(ops, frames), iter: 24, threads: 1);
    }

    private async Task RunAsync(List<Op> ops, int frames)
    {
        var id = FleetFixture.NewVolumeId();
        var model = new SortedDictionary<byte[], byte[]>(ByteComparer.Instance);
        var volume = await fixture.OpenVolumeAsync(id);
        var pool = new BufferPool(volume, frames);
        var stopped = new HashSet<int>();
        try
        {
            var tree = await BTree.CreateAsync(pool, Root);
            for (var index = 0; index < ops.Count; index++)
            {
                var op = ops[index];
                // A stalled step fails with what it was doing and the fleet's state, not a silent hang.
                var watchdog = Task.Delay(OperationTimeout);
                var step = Step(op);
                if (await Task.WhenAny(step, watchdog) == watchdog)
                    Assert.Fail($"step {index} ({op}) took over {OperationTimeout.TotalSeconds} s; nodes down: [{string.Join(",", stopped)}]; {volume.Describe()}");
                await step;
            }
            Assert.Equal(model.Keys, (await tree.ScanAsync(KeyRange.All).ToListAsync()).Select(e => e.Key));

            async Task Step(Op op)
            {
                switch (op)
                {
                    case InsertOp insert:
                        {
                            var key = Key(insert.Key);
                            var value = Value(insert.Key, insert.ValueLength);
                            Assert.Equal(model.TryAdd(key, value), await tree.InsertAsync(key, value));
                            break;
                        }
                    case UpdateOp update:
                        {
                            var key = Key(update.Key);
                            var value = Value(update.Key + 7, update.ValueLength);
                            var exists = model.ContainsKey(key);
                            if (exists) model[key] = value;
                            Assert.Equal(exists, await tree.UpdateAsync(key, value));
                            break;
                        }
                    case DeleteOp delete:
                        Assert.Equal(model.Remove(Key(delete.Key)), await tree.DeleteAsync(Key(delete.Key)));
                        break;
                    case GetOp get:
                        Assert.Equal(model.GetValueOrDefault(Key(get.Key)), await tree.TryGetAsync(Key(get.Key)));
                        break;
                    case ScanOp scan:
                        {
                            var range = new KeyRange(
                                scan.Low is { } low ? new KeyBound(Key(low), scan.LowInclusive) : null,
                                scan.High is { } high ? new KeyBound(Key(high), scan.HighInclusive) : null);
                            var expected = model.Where(e => range.IsAboveLow(e.Key) && range.IsBelowHigh(e.Key)).Select(e => e.Key);
                            if (scan.Direction == ScanDirection.Backward) expected = expected.Reverse();
                            var actual = await tree.ScanAsync(range, scan.Direction).ToListAsync();
                            Assert.Equal(expected, actual.Select(e => e.Key));
                            foreach (var (key, value) in actual) Assert.Equal(model[key], value);
                            break;
                        }
                    case ReopenOp:
                        pool.Dispose();
                        await volume.DisposeAsync();
                        volume = await fixture.OpenVolumeAsync(id);
                        pool = new BufferPool(volume, frames);
                        tree = await BTree.OpenAsync(pool, Root);
                        break;
                    case ToggleNodeOp toggle:
                        if (stopped.Remove(toggle.Node)) fixture.Fleet.StartNode(toggle.Node);
                        else if (stopped.Count < 2 && stopped.Add(toggle.Node)) await fixture.Fleet.StopNodeAsync(toggle.Node);
                        break;
                }
            }
        }
        finally
        {
            // Nodes first: whatever failed, the next iteration must find the whole fleet up.
            foreach (var node in stopped) fixture.Fleet.StartNode(node);
            pool.Dispose();
            await volume.DisposeAsync();
        }
    }
}
