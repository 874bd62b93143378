using Borealis.Engine.Transactions;

namespace Borealis.Engine.Tests.Transactions;

public sealed class SequenceTests(FleetFixture fixture) : IClassFixture<FleetFixture>
{
    [Fact]
    public async Task Values_are_never_handed_out_twice_across_reopens_and_explicit_values()
    {
        var volumeId = FleetFixture.NewVolumeId();
        var seen = new HashSet<ulong>();
        await using (var db = await Database.OpenAsync(await fixture.OpenVolumeAsync(volumeId), new DatabaseOptions { BufferPoolFrames = 32 }))
        {
            Assert.Equal(1UL, await db.NextSequenceValueAsync(7));
            Assert.Equal(2UL, await db.NextSequenceValueAsync(7));
            Assert.Equal(1UL, await db.NextSequenceValueAsync(8)); // sequences are independent
            seen.Add(1);
            seen.Add(2);
            await db.ObserveSequenceValueAsync(7, 5000);
            Assert.Equal(5001UL, await db.PeekSequenceValueAsync(7));
            await db.ObserveSequenceValueAsync(7, 10); // below: no effect
            Assert.Equal(5001UL, await db.NextSequenceValueAsync(7));
            seen.Add(5000);
            seen.Add(5001);
        }
        // A new writer (as after a crash) continues above everything handed out or observed.
        await using (var db = await Database.OpenAsync(await fixture.OpenVolumeAsync(volumeId), new DatabaseOptions { BufferPoolFrames = 32 }))
        {
            for (var i = 0; i < 2500; i++) Assert.True(seen.Add(await db.NextSequenceValueAsync(7)), "a value was handed out twice");
            Assert.True(await db.PeekSequenceValueAsync(8) > 1);
        }
        await using (var db = await Database.OpenAsync(await fixture.OpenVolumeAsync(volumeId), new DatabaseOptions { BufferPoolFrames = 32 }))
            Assert.True(seen.Add(await db.NextSequenceValueAsync(7)));
    }
}

public sealed class DropIndexTests(FleetFixture fixture) : IClassFixture<FleetFixture>
{
    [Fact]
    public async Task A_dropped_index_gives_its_pages_back_and_a_new_index_reuses_them()
    {
        await using var db = await Database.OpenAsync(await fixture.OpenVolumeAsync(FleetFixture.NewVolumeId()), new DatabaseOptions { BufferPoolFrames = 64 });
        async Task FillAsync(IndexTree index)
        {
            await using var t = db.Begin();
            for (var i = 0; i < 400; i++) await t.InsertAsync(index, BitConverter.GetBytes(i).Reverse().ToArray(), new byte[500]);
            await t.CommitAsync();
        }
        var first = await db.CreateIndexAsync();
        await FillAsync(first);
        var pages = (await first.Tree.CollectPagesAsync()).Count;
        Assert.True(pages > 10, $"only {pages} pages");
        var high = await NextNeverUsedAsync(db);
        await db.DropIndexAsync(first.Id);
        Assert.DoesNotContain(first.Id, db.IndexIds);
        var second = await db.CreateIndexAsync();
        await FillAsync(second);
        // Everything the second index needed came from the free list: the volume did not grow.
        Assert.Equal(high, await NextNeverUsedAsync(db));
        var e = Assert.Throws<EngineException>(() => db.GetIndex(first.Id));
        Assert.Equal(1146, e.ErrorNumber);
    }

    private static async Task<ulong> NextNeverUsedAsync(Database db)
    {
        using var meta = await db.Pool.PinAsync(Borealis.Engine.Pages.PageAllocator.MetadataPage);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(meta.Bytes[(Borealis.Redo.PageFrame.HeaderSize + 8)..]);
    }
}
