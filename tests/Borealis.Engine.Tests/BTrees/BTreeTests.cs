using System.Buffers.Binary;
using Borealis.Common;
using Borealis.Engine.Buffers;
using Borealis.Engine.BTrees;

namespace Borealis.Engine.Tests.BTrees;

public sealed class BTreeTests(FleetFixture fixture) : IClassFixture<FleetFixture>
{
    private static readonly PageId Root = new(1);

    private static byte[] Key(int i)
    {
        var key = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(key, i);
        return key;
    }

    /// <summary>Long keys that differ only at the end: long separators, narrow internal nodes, a tall tree.</summary>
    private static byte[] LongKey(int i) => [.. Enumerable.Repeat((byte)'k', 900), .. Key(i)];

    private static byte[] Value(int i, int length) => Enumerable.Range(0, length).Select(j => (byte)(i + j)).ToArray();

    [Fact]
    public async Task Inserts_split_up_to_a_taller_root_and_deletes_merge_back_down_to_one_leaf()
    {
        await using var volume = await fixture.OpenVolumeAsync(FleetFixture.NewVolumeId());
        using var pool = new BufferPool(volume, 64);
        var tree = await BTree.CreateAsync(pool, Root);
        const int count = 600;
        for (var i = 0; i < count; i++) Assert.True(await tree.InsertAsync(LongKey(i * 7 % count), Value(i * 7 % count, 200)));
        Assert.True(await tree.HeightAsync() >= 3, $"height {await tree.HeightAsync()}");
        Assert.False(await tree.InsertAsync(LongKey(5), Value(0, 3)));
        Assert.Equal(Value(5, 200), await tree.TryGetAsync(LongKey(5)));

        var all = await tree.ScanAsync(KeyRange.All).ToListAsync();
        Assert.Equal(Enumerable.Range(0, count).Select(LongKey), all.Select(e => e.Key));

        for (var i = 0; i < count; i++) Assert.True(await tree.DeleteAsync(LongKey(i * 11 % count)));
        Assert.False(await tree.DeleteAsync(LongKey(3)));
        Assert.Equal(1, await tree.HeightAsync());
        Assert.Empty(await tree.ScanAsync(KeyRange.All).ToListAsync());
        Assert.Null(await tree.TryGetAsync(LongKey(1)));
    }

    [Fact]
    public async Task Scans_honour_bounds_in_both_directions()
    {
        await using var volume = await fixture.OpenVolumeAsync(FleetFixture.NewVolumeId());
        using var pool = new BufferPool(volume, 64);
        var tree = await BTree.CreateAsync(pool, Root);
        for (var i = 0; i < 400; i += 2) await tree.InsertAsync(Key(i), Value(i, 300));

        async Task<List<int>> Scan(KeyRange range, ScanDirection direction) =>
            (await tree.ScanAsync(range, direction).ToListAsync()).Select(e => BinaryPrimitives.ReadInt32BigEndian(e.Key)).ToList();

        var expected = Enumerable.Range(0, 400).Where(i => i % 2 == 0);
        Assert.Equal(expected.Where(i => i >= 100 && i < 300), await Scan(new KeyRange(KeyBound.AtOrAbove(Key(100)), KeyBound.Below(Key(300))), ScanDirection.Forward));
        Assert.Equal(expected.Where(i => i > 100 && i <= 300), await Scan(new KeyRange(KeyBound.Above(Key(100)), KeyBound.AtOrBelow(Key(300))), ScanDirection.Forward));
        Assert.Equal(expected.Where(i => i >= 101 && i <= 299).Reverse(), await Scan(new KeyRange(KeyBound.AtOrAbove(Key(101)), KeyBound.AtOrBelow(Key(299))), ScanDirection.Backward));
        Assert.Equal(expected.Where(i => i > 100 && i < 300).Reverse(), await Scan(new KeyRange(KeyBound.Above(Key(100)), KeyBound.Below(Key(300))), ScanDirection.Backward));
        Assert.Equal(expected.Reverse(), await Scan(KeyRange.All, ScanDirection.Backward));
        Assert.Empty(await Scan(new KeyRange(KeyBound.AtOrAbove(Key(500)), null), ScanDirection.Forward));
        Assert.Equal(expected.Where(i => i < 0x100), await Scan(KeyRange.Prefix(new byte[] { 0, 0, 0 }), ScanDirection.Forward));
    }

    [Fact]
    public async Task Variable_length_keys_and_values_round_trip_and_oversized_ones_are_refused()
    {
        await using var volume = await fixture.OpenVolumeAsync(FleetFixture.NewVolumeId());
        using var pool = new BufferPool(volume, 64);
        var tree = await BTree.CreateAsync(pool, Root);
        var random = new Random(7);
        var model = new SortedDictionary<byte[], byte[]>(ByteComparer.Instance);
        for (var i = 0; i < 300; i++)
        {
            var key = new byte[random.Next(0, 300)];
            random.NextBytes(key);
            var value = new byte[random.Next(0, 2000)];
            random.NextBytes(value);
            Assert.Equal(model.TryAdd(key, value), await tree.InsertAsync(key, value));
        }
        foreach (var (key, value) in model) Assert.Equal(value, await tree.TryGetAsync(key));
        Assert.Equal(model.Keys, (await tree.ScanAsync(KeyRange.All).ToListAsync()).Select(e => e.Key));
        await Assert.ThrowsAsync<ArgumentException>(async () => await tree.InsertAsync(new byte[1025], Array.Empty<byte>()));
        await Assert.ThrowsAsync<ArgumentException>(async () => await tree.InsertAsync(new byte[10], new byte[5000]));
    }

    [Fact]
    public async Task A_tree_reopens_from_the_fleet_alone()
    {
        var id = FleetFixture.NewVolumeId();
        await using (var volume = await fixture.OpenVolumeAsync(id))
        {
            using var pool = new BufferPool(volume, 32);
            var tree = await BTree.CreateAsync(pool, Root);
            for (var i = 0; i < 200; i++) await tree.InsertAsync(Key(i), Value(i, 500));
            for (var i = 0; i < 200; i += 3) await tree.DeleteAsync(Key(i));
        }
        await using (var volume = await fixture.OpenVolumeAsync(id))
        {
            using var pool = new BufferPool(volume, 32);
            var tree = await BTree.OpenAsync(pool, Root);
            var keys = (await tree.ScanAsync(KeyRange.All).ToListAsync()).Select(e => BinaryPrimitives.ReadInt32BigEndian(e.Key));
            Assert.Equal(Enumerable.Range(0, 200).Where(i => i % 3 != 0), keys);
            Assert.Equal(Value(100, 500), await tree.TryGetAsync(Key(100)));
            await Assert.ThrowsAsync<InvalidOperationException>(() => BTree.CreateAsync(pool, Root));
        }
    }

    [Fact]
    public async Task Entries_of_the_largest_size_split_merge_and_read_back()
    {
        await using var volume = await fixture.OpenVolumeAsync(FleetFixture.NewVolumeId());
        using var pool = new BufferPool(volume, 32);
        var tree = await BTree.CreateAsync(pool, Root);
        // 1024-byte keys differing only in their last bytes: separators cannot be shortened.
        static byte[] MaxKey(int i) => [.. Enumerable.Repeat((byte)'m', 1020), .. Key(i)];
        var value = new byte[4078 - 1024];
        var model = new SortedSet<int>();
        var random = new Random(11);
        for (var step = 0; step < 400; step++)
        {
            var i = random.Next(150);
            if (random.Next(3) > 0) Assert.Equal(model.Add(i), await tree.InsertAsync(MaxKey(i), value));
            else Assert.Equal(model.Remove(i), await tree.DeleteAsync(MaxKey(i)));
        }
        Assert.Equal(model.Select(MaxKey), (await tree.ScanAsync(KeyRange.All).ToListAsync()).Select(e => e.Key));
        Assert.Equal(model.Reverse().Select(MaxKey), (await tree.ScanAsync(KeyRange.All, ScanDirection.Backward).ToListAsync()).Select(e => e.Key));
        foreach (var i in model.ToList()) Assert.True(await tree.DeleteAsync(MaxKey(i)));
        Assert.Equal(1, await tree.HeightAsync());
    }

    [Fact]
    public async Task The_caller_may_change_the_tree_between_the_items_of_a_scan()
    {
        await using var volume = await fixture.OpenVolumeAsync(FleetFixture.NewVolumeId());
        using var pool = new BufferPool(volume, 32);
        var tree = await BTree.CreateAsync(pool, Root);
        for (var i = 0; i < 300; i += 2) await tree.InsertAsync(Key(i), Value(i, 400));
        var seen = new List<int>();
        await foreach (var (key, _) in tree.ScanAsync(KeyRange.All))
        {
            var k = BinaryPrimitives.ReadInt32BigEndian(key);
            seen.Add(k);
            Assert.True(await tree.DeleteAsync(key));        // behind the scan
            await tree.InsertAsync(Key(k + 1), Value(k, 400)); // ahead, but inside the leaf already copied: not seen
        }
        Assert.Equal(seen.Order().Distinct(), seen);
        Assert.Contains(0, seen);
        Assert.Contains(298, seen);
        Assert.Equal(Enumerable.Range(0, 300).Where(i => i % 2 == 1), (await tree.ScanAsync(KeyRange.All).ToListAsync()).Select(e => BinaryPrimitives.ReadInt32BigEndian(e.Key)).Where(k => k % 2 == 1));
    }
}
