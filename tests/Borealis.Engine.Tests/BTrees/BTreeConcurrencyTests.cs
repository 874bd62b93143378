using System.Buffers.Binary;
using Borealis.Common;
using Borealis.Engine.Buffers;
using Borealis.Engine.BTrees;
using Borealis.Engine.Pages;
using Borealis.Redo;
using Borealis.Volume;

namespace Borealis.Engine.Tests.BTrees;

public sealed class BTreeConcurrencyTests(FleetFixture fixture) : IClassFixture<FleetFixture>
{
    private static byte[] Key(int i)
    {
        var key = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(key, i);
        return key;
    }

    // The readers here spin on cached pages without ever yielding their pool threads. That once
    // stalled commits for the whole commit timeout under load (issue 3): append acks hopped to
    // the thread pool after each fsync, and the pool was full of readers. Acks now complete on
    // the fsync thread and the next round is sent from there.
    [Fact]
    public async Task Readers_see_a_consistent_tree_while_two_trees_change_in_one_small_pool()
    {
        await using var volume = await fixture.OpenVolumeAsync(FleetFixture.NewVolumeId());
        using var pool = new BufferPool(volume, 32);
        var first = await BTree.CreateAsync(pool, new PageId(1));
        var second = await BTree.CreateAsync(pool, new PageId(2));
        const int count = 300;
        var writing = true;

        async Task WriteAsync(BTree tree, int seed)
        {
            for (var i = 0; i < count; i++) Assert.True(await tree.InsertAsync(Key(i * 7 % count), new byte[100 + (i + seed) % 300]));
            for (var i = 0; i < count; i += 2) Assert.True(await tree.DeleteAsync(Key(i)));
        }

        async Task ReadAsync(BTree tree)
        {
            while (Volatile.Read(ref writing))
            {
                var forward = await tree.ScanAsync(KeyRange.All).ToListAsync();
                var keys = forward.Select(e => BinaryPrimitives.ReadInt32BigEndian(e.Key)).ToList();
                for (var i = 1; i < keys.Count; i++) Assert.True(keys[i - 1] < keys[i], "a scan went backwards or repeated a key");
                Assert.All(keys, k => Assert.InRange(k, 0, count - 1));
                // Odd keys are never deleted: once seen, a lookup finds them.
                foreach (var k in keys.Where(k => k % 2 == 1).Take(5)) Assert.NotNull(await tree.TryGetAsync(Key(k)));
            }
        }

        var readers = new[] { Task.Run(() => ReadAsync(first)), Task.Run(() => ReadAsync(second)), Task.Run(() => ReadAsync(first)) };
        await Task.WhenAll(Task.Run(() => WriteAsync(first, 1)), Task.Run(() => WriteAsync(second, 2)));
        Volatile.Write(ref writing, false);
        await Task.WhenAll(readers);

        var odd = Enumerable.Range(0, count).Where(i => i % 2 == 1).Select(Key);
        Assert.Equal(odd, (await first.ScanAsync(KeyRange.All).ToListAsync()).Select(e => e.Key));
        Assert.Equal(odd, (await second.ScanAsync(KeyRange.All, ScanDirection.Backward).ToListAsync()).Select(e => e.Key).Reverse());
    }

    [Fact]
    public async Task Freed_pages_are_reused_so_churn_does_not_grow_the_volume()
    {
        await using var volume = await fixture.OpenVolumeAsync(FleetFixture.NewVolumeId());
        using var pool = new BufferPool(volume, 64);
        var tree = await BTree.CreateAsync(pool, new PageId(1));
        async Task<ulong> NextNeverUsedAsync()
        {
            using var meta = await pool.PinAsync(PageAllocator.MetadataPage);
            return BinaryPrimitives.ReadUInt64LittleEndian(meta.Bytes[(PageFrame.HeaderSize + 8)..]);
        }
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 300; i++) await tree.InsertAsync(Key(i), new byte[1000]);
            for (var i = 0; i < 300; i++) await tree.DeleteAsync(Key(i));
            if (round == 0) continue;
            var high = await NextNeverUsedAsync();
            for (var i = 0; i < 300; i++) await tree.InsertAsync(Key(i), new byte[1000]);
            Assert.Equal(high, await NextNeverUsedAsync());
            for (var i = 0; i < 300; i++) await tree.DeleteAsync(Key(i));
        }
    }

    [Fact]
    public async Task A_fenced_writer_fails_its_change_and_stops_answering_from_its_cache()
    {
        var id = FleetFixture.NewVolumeId();
        await using var old = await fixture.OpenVolumeAsync(id);
        using var pool = new BufferPool(old, 32);
        var tree = await BTree.CreateAsync(pool, new PageId(1));
        for (var i = 0; i < 50; i++) await tree.InsertAsync(Key(i), new byte[500]);

        await using var newer = await fixture.OpenVolumeAsync(id);
        // The old writer learns of the newer epoch from the segments' answers.
        var failed = false;
        for (var attempt = 0; attempt < 50 && !failed; attempt++)
        {
            try { await tree.InsertAsync(Key(1000 + attempt), new byte[500]); }
            catch (VolumeFencedException) { failed = true; }
        }
        Assert.True(failed);
        // Its frames may hold a change appended before the fence that will never be durable:
        // the fenced writer's pool answers nothing more.
        await Assert.ThrowsAsync<VolumeFencedException>(async () => await tree.TryGetAsync(Key(1)));
        using var newPool = new BufferPool(newer, 32);
        var reopened = await BTree.OpenAsync(newPool, new PageId(1));
        var durable = (await reopened.ScanAsync(KeyRange.All).ToListAsync()).Select(e => BinaryPrimitives.ReadInt32BigEndian(e.Key)).ToList();
        Assert.Equal(Enumerable.Range(0, 50), durable.Where(k => k < 1000));
    }
}
