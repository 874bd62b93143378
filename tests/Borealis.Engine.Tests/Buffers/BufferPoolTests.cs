using System.Buffers.Binary;
using Borealis.Common;
using Borealis.Engine.Buffers;
using Borealis.Engine.Pages;
using Borealis.Redo;
using Borealis.Volume.Writing;

namespace Borealis.Engine.Tests.Buffers;

/// <summary>Tests stop storage nodes, so this class has a fleet of its own.</summary>
public sealed class BufferPoolTests(FleetFixture fixture) : IClassFixture<FleetFixture>
{
    private const int Frames = BufferPool.MinimumFrames;

    /// <summary>Writes a marker (the page number) into pages first..first+count-1, durably, straight through the volume.</summary>
    private static async Task WritePagesAsync(StorageVolume volume, int first, int count)
    {
        using var mtr = new MiniTransaction();
        for (var p = first; p < first + count; p++)
        {
            var bytes = new byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(bytes, p);
            mtr.WriteBytes(new PageId((ulong)p), PageFrame.HeaderSize + 100, bytes);
        }
        await volume.CommitAsync(mtr);
    }

    private static long Marker(PinnedPage page) => BinaryPrimitives.ReadInt64LittleEndian(page.Bytes[(PageFrame.HeaderSize + 100)..]);

    private static async Task TouchAsync(BufferPool pool, int first, int count, PageAccess access)
    {
        for (var p = first; p < first + count; p++)
        {
            using var page = await pool.PinAsync(new PageId((ulong)p), access);
            Assert.Equal(p, Marker(page));
        }
    }

    [Fact]
    public async Task Misses_read_from_the_fleet_and_evicted_pages_read_back_the_same()
    {
        await using var volume = await fixture.OpenVolumeAsync(FleetFixture.NewVolumeId());
        await WritePagesAsync(volume, 100, 60);
        using var pool = new BufferPool(volume, Frames);
        await TouchAsync(pool, 100, 60, PageAccess.Normal);
        Assert.Equal(60, pool.Misses);
        Assert.True(pool.Evictions >= 60 - Frames);
        await TouchAsync(pool, 100, 60, PageAccess.Normal);
        Assert.True(pool.ResidentPages().Count <= Frames);
    }

    [Theory]
    [InlineData(PageAccess.Scan, true)]
    [InlineData(PageAccess.Normal, false)]
    public async Task A_scan_bigger_than_the_pool_leaves_the_working_set_resident(PageAccess scanAccess, bool workingSetSurvives)
    {
        await using var volume = await fixture.OpenVolumeAsync(FleetFixture.NewVolumeId());
        await WritePagesAsync(volume, 100, 10);
        await WritePagesAsync(volume, 200, 100);
        using var pool = new BufferPool(volume, Frames);
        await TouchAsync(pool, 100, 10, PageAccess.Normal);
        await TouchAsync(pool, 200, 100, scanAccess);
        var resident = Enumerable.Range(100, 10).Count(p => pool.IsResident(new PageId((ulong)p)));
        if (workingSetSurvives) Assert.Equal(10, resident);
        else Assert.True(resident < 10, $"{resident} of the working set stayed although the scan entered hot");
    }

    [Fact]
    public async Task Pinned_frames_are_never_evicted_and_a_pool_all_pinned_says_so()
    {
        await using var volume = await fixture.OpenVolumeAsync(FleetFixture.NewVolumeId());
        using var pool = new BufferPool(volume, Frames);
        var pins = new List<PinnedPage>();
        for (var p = 0; p < Frames; p++) pins.Add(await pool.PinAsync(new PageId((ulong)(300 + p))));
        await Assert.ThrowsAsync<BufferPoolExhaustedException>(async () => await pool.PinAsync(new PageId(999)));
        foreach (var pin in pins) pin.Dispose();
        using var fresh = await pool.PinAsync(new PageId(999));
        Assert.Equal(new PageId(999), PageFrame.GetPageId(fresh.Bytes));
    }

    [Fact]
    public async Task A_frame_changed_past_VDL_stays_until_its_change_is_durable()
    {
        await using var volume = await fixture.OpenVolumeAsync(FleetFixture.NewVolumeId());
        await WritePagesAsync(volume, 100, 40);
        using var pool = new BufferPool(volume, Frames);
        var changed = new PageId(50);

        // Three of six nodes down: no write quorum, so the change is appended but cannot become durable.
        for (var i = 0; i < 3; i++) await fixture.Fleet.StopNodeAsync(i);
        Lsn lsn;
        try
        {
            await using (var scope = await ChangeScope.BeginAsync(pool))
            {
                var page = await scope.LatchAsync(changed);
                scope.Writer.Write(page, PageFrame.HeaderSize + 200, "changed"u8);
                lsn = await scope.CommitAsync();
            }
            Assert.True(volume.Vdl < lsn);
            await TouchAsync(pool, 100, 40, PageAccess.Normal); // reads still work from the nodes left
            Assert.True(pool.IsResident(changed), "a frame whose change is not durable was evicted: a re-read would lose the change");
        }
        finally
        {
            for (var i = 0; i < 3; i++) fixture.Fleet.StartNode(i);
        }
        await volume.WaitDurableAsync(lsn);
        await TouchAsync(pool, 100, 40, PageAccess.Normal);
        Assert.False(pool.IsResident(changed));
        using var reread = await pool.PinAsync(changed);
        Assert.True(reread.Bytes.Slice(PageFrame.HeaderSize + 200, 7).SequenceEqual("changed"u8));
    }
}
