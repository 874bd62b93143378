using System.Buffers.Binary;
using System.Diagnostics;
using Borealis.Engine.Buffers;
using Borealis.Engine.BTrees;
using Borealis.Engine.Keys;
using Borealis.Engine.Pages;
using Borealis.Engine.Rows;
using Borealis.Common;
using Borealis.Redo;
using Xunit.Abstractions;

namespace Borealis.Engine.Tests.Rows;

public sealed class OverflowTests(FleetFixture fixture, ITestOutputHelper output) : IClassFixture<FleetFixture>
{
    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task Values_of_random_sizes_round_trip_through_chains()
    {
        await using var volume = await fixture.OpenVolumeAsync(FleetFixture.NewVolumeId(), groups: 4);
        using var pool = new BufferPool(volume, 64);
        var random = new Random(11);
        var cap = OverflowChain.PageCapacity;
        int[] sizes = [0, 1, cap - 1, cap, cap + 1, 17 * cap, .. Enumerable.Range(0, 6).Select(_ => random.Next(0, 3 << 20))];
        var written = new List<(OverflowRef Chain, byte[] Value)>();
        foreach (var size in sizes)
        {
            var value = RandomBytes(random, size);
            written.Add((await OverflowChain.WriteAsync(pool, value), value));
        }
        foreach (var (chain, value) in written)
        {
            Assert.Equal(value.Length, chain.Length);
            var read = new byte[value.Length];
            await OverflowChain.ReadAsync(pool, chain, read);
            Assert.Equal(value, read);
            // Through the stream with odd-sized reads, crossing page boundaries.
            using var stream = OverflowChain.OpenRead(pool, chain);
            using var copy = new MemoryStream();
            var buffer = new byte[7919];
            int n;
            while ((n = await stream.ReadAsync(buffer)) > 0) copy.Write(buffer, 0, n);
            Assert.Equal(value, copy.ToArray());
        }
        // A fresh pool reads from the fleet, not from frames.
        using var cold = new BufferPool(volume, 16);
        foreach (var (chain, value) in written.Take(8))
        {
            var read = new byte[value.Length];
            await OverflowChain.ReadAsync(cold, chain, read);
            Assert.Equal(value, read);
        }
    }

    [Fact]
    public async Task A_64_MiB_value_round_trips_through_a_64_frame_pool()
    {
        await using var volume = await fixture.OpenVolumeAsync(FleetFixture.NewVolumeId(), groups: 8);
        using var pool = new BufferPool(volume, 64);
        var value = RandomBytes(new Random(64), 64 << 20);
        var clock = Stopwatch.StartNew();
        var chain = await OverflowChain.WriteAsync(pool, value);
        var writeSeconds = clock.Elapsed.TotalSeconds;
        var read = new byte[value.Length];
        clock.Restart();
        await OverflowChain.ReadAsync(pool, chain, read);
        var readSeconds = clock.Elapsed.TotalSeconds;
        Assert.True(value.AsSpan().SequenceEqual(read));
        output.WriteLine($"result overflow 64MiB write_MBps={64 / writeSeconds:F1} read_MBps={64 / readSeconds:F1} pages={OverflowChain.PageCount(value.Length)}");
    }

    [Fact]
    public async Task Freed_chains_are_reused_by_the_allocator()
    {
        await using var volume = await fixture.OpenVolumeAsync(FleetFixture.NewVolumeId());
        using var pool = new BufferPool(volume, 32);
        var random = new Random(5);
        var length = (OverflowChain.PagesPerMtr * OverflowChain.PageCapacity) + 10; // more pages than one MTR frees
        var first = await OverflowChain.WriteAsync(pool, RandomBytes(random, length));
        var highWater = await NextNeverUsedAsync(volume);
        await OverflowChain.FreeAsync(pool, first);
        var page = new byte[PageFrame.PageSize];
        await volume.ReadPageAsync(first.First, page);
        Assert.Equal((byte)PageKind.Free, page[32]);

        var value = RandomBytes(random, length);
        var second = await OverflowChain.WriteAsync(pool, value);
        Assert.Equal(highWater, await NextNeverUsedAsync(volume));
        var read = new byte[length];
        await OverflowChain.ReadAsync(pool, second, read);
        Assert.Equal(value, read);

        // A short chain freed inside the caller's mini-transaction.
        var small = await OverflowChain.WriteAsync(pool, RandomBytes(random, 3 * OverflowChain.PageCapacity));
        highWater = await NextNeverUsedAsync(volume);
        await using (var scope = await ChangeScope.BeginAsync(pool))
        {
            await OverflowChain.FreeAsync(scope, small);
            await pool.WaitDurableAsync(await scope.CommitAsync());
        }
        await OverflowChain.WriteAsync(pool, RandomBytes(random, 3 * OverflowChain.PageCapacity));
        Assert.Equal(highWater, await NextNeverUsedAsync(volume));
    }

    [Fact]
    public async Task Rows_too_long_for_a_leaf_spill_their_longest_values_and_round_trip_through_a_tree()
    {
        await using var volume = await fixture.OpenVolumeAsync(FleetFixture.NewVolumeId(), groups: 2);
        using var pool = new BufferPool(volume, 64);
        var tree = await BTree.CreateAsync(pool, new PageId(1));
        var schema = new RowSchema([
            ColumnType.Integer(ColumnKind.Int64, nullable: false),
            ColumnType.String(ColumnKind.VarChar, 4000, Collation.Utf8mb40900AiCi),
            ColumnType.Bytes(ColumnKind.Blob, 1 << 24),
            ColumnType.String(ColumnKind.Text, 65535, Collation.Utf8mb4Bin),
            ColumnType.Bytes(ColumnKind.VarBinary, 10),
        ]);
        var random = new Random(3);
        var expected = new Dictionary<long, byte[][]>();
        for (var id = 0L; id < 40; id++)
        {
            var parts = new[] { RandomBytes(random, random.Next(0, 4000)), RandomBytes(random, random.Next(0, 200_000)), RandomBytes(random, random.Next(0, 3000)), RandomBytes(random, 10) };
            expected[id] = parts;
            var values = new[] { ColumnValue.FromInt64(id), ColumnValue.FromBytes(parts[0]), ColumnValue.FromBytes(parts[1]), ColumnValue.FromBytes(parts[2]), ColumnValue.FromBytes(parts[3]) };
            var key = new KeyWriter().AppendInt64(id).ToArray();
            await RowOverflow.SpillAsync(pool, schema, values, RowFormat.MaxRowLength(key.Length));
            Assert.True(await tree.InsertAsync(key, RowWriter.ToArray(schema, values)));
        }
        foreach (var (id, parts) in expected)
        {
            var row = new RowReader(schema, await tree.TryGetAsync(new KeyWriter().AppendInt64(id).ToArray()));
            Assert.Equal(id, row.GetInt64(0));
            for (var i = 0; i < parts.Length; i++)
            {
                var value = row.GetValue(i + 1);
                var bytes = value.Tag == ValueTag.Overflow ? await ReadAllAsync(pool, value.AsOverflow()) : value.AsBytes().ToArray();
                Assert.Equal(parts[i], bytes);
            }
            Assert.False(row.IsOverflow(4));
        }
    }

    [Fact]
    public async Task A_chain_that_loops_is_refused_not_followed_forever()
    {
        await using var volume = await fixture.OpenVolumeAsync(FleetFixture.NewVolumeId());
        using var pool = new BufferPool(volume, 32);
        var chain = await OverflowChain.WriteAsync(pool, new byte[OverflowChain.PageCapacity + 1]);
        var first = new byte[PageFrame.PageSize];
        await volume.ReadPageAsync(chain.First, first);
        var second = new PageId(BinaryPrimitives.ReadUInt64LittleEndian(first.AsSpan(40)));
        await using (var scope = await ChangeScope.BeginAsync(pool))
        {
            var page = await scope.LatchAsync(second);
            var back = new byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(back, chain.First.Value);
            scope.Writer.Write(page, 40, back);
            await pool.WaitDurableAsync(await scope.CommitAsync());
        }
        await Assert.ThrowsAsync<InvalidDataException>(async () => await OverflowChain.ReadAsync(pool, chain with { Length = 5L * OverflowChain.PageCapacity }, new byte[5 * OverflowChain.PageCapacity]));
        await Assert.ThrowsAsync<InvalidDataException>(async () => await OverflowChain.FreeAsync(pool, chain));
        // The refused free changed nothing.
        var read = new byte[chain.Length];
        await OverflowChain.ReadAsync(pool, chain, read);
    }

    private static async Task<byte[]> ReadAllAsync(BufferPool pool, OverflowRef chain)
    {
        var bytes = new byte[chain.Length];
        await OverflowChain.ReadAsync(pool, chain, bytes);
        return bytes;
    }

    private static async Task<ulong> NextNeverUsedAsync(StorageVolume volume)
    {
        var meta = new byte[PageFrame.PageSize];
        await volume.ReadPageAsync(PageAllocator.MetadataPage, meta);
        return BinaryPrimitives.ReadUInt64LittleEndian(meta.AsSpan(40));
    }
}
