using Borealis.Common;
using Borealis.Engine.Buffers;
using Borealis.Engine.Pages;
using Borealis.Redo;

namespace Borealis.Engine.Tests.Pages;

/// <summary>Which redo a change becomes (counted by the LSNs it takes) and what a rollback restores.</summary>
public sealed class PageWriterTests(FleetFixture fixture) : IClassFixture<FleetFixture>
{
    private static async Task<ulong> RecordsForAsync(BufferPool pool, Action<PageWriter, PinnedPage> change)
    {
        var before = pool.Volume.HighestLsn;
        Lsn lsn;
        await using (var scope = await ChangeScope.BeginAsync(pool))
        {
            var page = await scope.LatchAsync(new PageId(40));
            change(scope.Writer, page);
            lsn = await scope.CommitAsync();
        }
        await pool.Volume.WaitDurableAsync(lsn);
        return pool.Volume.HighestLsn.Value - before.Value;
    }

    [Fact]
    public async Task Small_changes_become_write_records_close_ones_merge_and_a_rewrite_becomes_one_image()
    {
        await using var volume = await fixture.OpenVolumeAsync(FleetFixture.NewVolumeId());
        using var pool = new BufferPool(volume, 16);
        Assert.Equal(2UL, await RecordsForAsync(pool, (w, p) =>
        {
            w.Write(p, 100, [1, 2, 3]);
            w.Write(p, 5000, [4, 5, 6]);
        }));
        Assert.Equal(1UL, await RecordsForAsync(pool, (w, p) =>
        {
            w.Write(p, 200, [1]);
            w.Write(p, 220, [2]); // a gap shorter than a record header: one record
        }));
        Assert.Equal(0UL, await RecordsForAsync(pool, (w, p) => w.Write(p, 200, [1]))); // the same bytes again: no change
        Assert.Equal(1UL, await RecordsForAsync(pool, (w, p) =>
        {
            for (var offset = PageFrame.HeaderSize; offset < PageFrame.PageSize; offset += 20) w.Write(p, offset, [0xAB]);
        }));

        var fromFleet = new byte[PageFrame.PageSize];
        await volume.ReadPageAsync(new PageId(40), fromFleet);
        using var frame = await pool.PinAsync(new PageId(40));
        Assert.True(frame.Bytes[4..].SequenceEqual(fromFleet.AsSpan(4)));
    }

    [Fact]
    public void Runs_merge_across_gaps_shorter_than_a_record_header_and_a_page_changed_nearly_everywhere_becomes_an_image()
    {
        var (runs, image) = PageWriter.PlanRedo([(5000, 5003), (100, 103), (130, 140)]);
        Assert.Equal([(100, 140), (5000, 5003)], runs);
        Assert.False(image);

        var halfPage = Enumerable.Range(0, 200).Select(i => (PageFrame.PageSize / 2 + i * 40, PageFrame.PageSize / 2 + i * 40 + 1)).ToList();
        Assert.False(PageWriter.PlanRedo(halfPage).Image);

        var everywhere = Enumerable.Range(0, 800).Select(i => (PageFrame.HeaderSize + i * 20, PageFrame.HeaderSize + i * 20 + 1)).ToList();
        Assert.True(PageWriter.PlanRedo(everywhere).Image);
        var scattered = Enumerable.Range(0, 400).Select(i => (PageFrame.HeaderSize + i * 40, PageFrame.HeaderSize + i * 40 + 1)).ToList();
        Assert.False(PageWriter.PlanRedo(scattered).Image); // 400 small records cost less than an image
    }

    [Fact]
    public async Task A_scope_disposed_without_commit_puts_its_frames_back()
    {
        await using var volume = await fixture.OpenVolumeAsync(FleetFixture.NewVolumeId());
        using var pool = new BufferPool(volume, 16);
        var original = new byte[PageFrame.PageSize];
        using (var page = await pool.PinAsync(new PageId(41))) page.Bytes.CopyTo(original);
        await using (var scope = await ChangeScope.BeginAsync(pool))
        {
            var page = await scope.LatchAsync(new PageId(41));
            scope.Writer.Write(page, 300, [9, 9, 9]);
            await scope.Allocator.AllocateAsync();
        }
        using (var page = await pool.PinAsync(new PageId(41))) Assert.True(page.Bytes.SequenceEqual(original));
        using (var meta = await pool.PinAsync(PageAllocator.MetadataPage)) Assert.Equal(PageKind.Unused, (PageKind)meta.Bytes[PageFrame.HeaderSize]);
        Assert.Equal(Lsn.Zero, volume.HighestLsn);
    }
}
