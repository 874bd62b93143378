using Borealis.Common;
using Borealis.Engine.Buffers;
using Borealis.Engine.BTrees;
using Borealis.Redo;

namespace Borealis.Engine.Tests.BTrees;

/// <summary>
/// The engine changes frames and sends redo; storage nodes rebuild pages from that redo with
/// the shared apply function. Both must give the same bytes, page for page.
/// </summary>
public sealed class RedoIdentityTests(FleetFixture fixture) : IClassFixture<FleetFixture>
{
    [Theory]
    [InlineData(512)]
    [InlineData(BufferPool.MinimumFrames)]
    public async Task Every_resident_frame_equals_the_page_the_fleet_rebuilds_from_redo(int frames)
    {
        await using var volume = await fixture.OpenVolumeAsync(FleetFixture.NewVolumeId());
        using var pool = new BufferPool(volume, frames);
        var tree = await BTree.CreateAsync(pool, new PageId(3));
        var random = new Random(frames);
        for (var i = 0; i < 1500; i++)
        {
            var key = new byte[random.Next(1, 40)];
            random.NextBytes(key);
            if (random.Next(3) == 0) await tree.DeleteAsync(key[..1]);
            else await tree.InsertAsync(key, new byte[random.Next(0, 700)]);
            if (i % 500 == 499) await AssertFramesMatchFleetAsync(pool, volume);
        }
        // Again once the nodes have turned the redo into page images (materialization runs every 50 ms).
        await Task.Delay(300);
        await AssertFramesMatchFleetAsync(pool, volume);
    }

    private static async Task AssertFramesMatchFleetAsync(BufferPool pool, StorageVolume volume)
    {
        var resident = pool.ResidentPages();
        Assert.NotEmpty(resident);
        var fromFleet = new byte[PageFrame.PageSize];
        var frame = new byte[PageFrame.PageSize];
        foreach (var page in resident)
        {
            using (var pinned = await pool.PinAsync(page))
                pinned.Bytes.CopyTo(frame);
            // Frames carry no CRC (it is computed when a page leaves memory); the fleet seals its copy.
            PageFrame.Seal(frame);
            await volume.ReadPageAsync(page, fromFleet);
            Assert.True(frame.AsSpan().SequenceEqual(fromFleet), $"page {page} (LSN {PageFrame.GetLsn(frame)}) differs from the fleet's (LSN {PageFrame.GetLsn(fromFleet)}) at byte {frame.AsSpan().CommonPrefixLength(fromFleet)}");
        }
    }
}
