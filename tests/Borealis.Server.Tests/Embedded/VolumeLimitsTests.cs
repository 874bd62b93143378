using System.Buffers.Binary;
using Borealis.Common;
using Borealis.Redo;
using Borealis.Server.Embedded;
using Borealis.Storage.Segments;
using Borealis.Volume;
using Borealis.Volume.Writing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Borealis.Server.Tests.Embedded;

/// <summary>Back-pressure and garbage collection on the embedded fleet.</summary>
public sealed class VolumeLimitsTests : IAsyncLifetime
{
    private static readonly VolumeId VolumeId = new(9);
    private const long SegmentBytes = 64L * 1024 * 1024;
    private readonly TempDirectory _dir = new();
    private EmbeddedFleet _fleet = null!;

    private static readonly SegmentOptions SmallChunks = FastFleet.Segments(64 * 1024);

    public async Task InitializeAsync() => _fleet = await EmbeddedFleet.StartAsync(_dir.Path, 19300, listenTcp: false, SmallChunks, NullLoggerFactory.Instance);

    public async Task DisposeAsync()
    {
        await _fleet.DisposeAsync();
        _dir.Dispose();
    }

    private static void Fill(MiniTransaction mtr, ulong page, int records, long value)
    {
        var data = new byte[1000];
        BinaryPrimitives.WriteInt64LittleEndian(data, value);
        for (var r = 0; r < records; r++) mtr.WriteBytes(new PageId(page), PageFrame.HeaderSize + r * 1000, data);
    }

    [Fact]
    public async Task Appends_wait_when_too_much_redo_is_beyond_vdl_and_go_on_once_it_is_durable()
    {
        var options = new VolumeOptions { AllocationLimitBytes = 64 * 1024, CommitTimeout = TimeSpan.FromSeconds(20) };
        await using var volume = await _fleet.OpenVolumeAsync(VolumeId, SegmentBytes, 1, options);
        for (var i = 0; i < 3; i++) await _fleet.StopNodeAsync(i);

        using var mtr = new MiniTransaction();
        Fill(mtr, 1, 8, 1);
        var appended = 0;
        Task<Lsn>? blocked = null;
        while (blocked is null)
        {
            var append = volume.AppendAsync(mtr).AsTask();
            if (await Task.WhenAny(append, Task.Delay(300)) != append) blocked = append;
            else appended++;
            Assert.True(appended < 100, "appends never waited: no back-pressure");
        }
        var beyond = (volume.HighestLsn.Value - volume.Vdl.Value) * (ulong)(mtr.EncodedLength / mtr.Count);
        Assert.True(beyond <= 64 * 1024 + (ulong)mtr.EncodedLength, $"{beyond} bytes beyond VDL with a 64 KiB limit");
        Assert.False(blocked.IsCompleted);

        for (var i = 0; i < 3; i++) _fleet.StartNode(i);
        var last = await blocked.WaitAsync(TimeSpan.FromSeconds(15));
        await volume.WaitDurableAsync(last);
        Assert.True(volume.Vdl >= last);
    }

    [Fact]
    public async Task Redo_below_the_minimum_read_point_is_collected_and_pages_survive_it_and_a_restart()
    {
        const int Pages = 20;
        await using (var volume = await _fleet.OpenVolumeAsync(VolumeId, SegmentBytes, 1, new VolumeOptions()))
        {
            using var mtr = new MiniTransaction();
            for (var round = 1; round <= 40; round++)
                for (ulong page = 0; page < Pages; page++)
                {
                    mtr.Clear();
                    Fill(mtr, page, 2, round * 1000 + (long)page);
                    await volume.CommitAsync(mtr);
                }
            // One more round so that every segment learns the final VDL as its minimum read point.
            mtr.Clear();
            Fill(mtr, Pages, 1, 0);
            await volume.CommitAsync(mtr);

            var segment = _fleet.Node(0)!.Find(new SegmentId(VolumeId, new ProtectionGroupId(0)))!;
            var dir = segment.Directory;
            var deadline = DateTime.UtcNow.AddSeconds(15);
            // 40 x 20 x 2 KiB of redo is over 1.6 MiB: 25+ chunks of 64 KiB if nothing were collected.
            while (Directory.GetFiles(dir, "log-*.blg").Length > 6 && DateTime.UtcNow < deadline) await Task.Delay(50);
            Assert.True(Directory.GetFiles(dir, "log-*.blg").Length <= 6, $"{Directory.GetFiles(dir, "log-*.blg").Length} log chunks remain");
            await AssertPagesAsync(volume, Pages);
        }
        await _fleet.DisposeAsync();
        _fleet = await EmbeddedFleet.StartAsync(_dir.Path, 19300, listenTcp: false, SmallChunks, NullLoggerFactory.Instance);
        await using var reopened = await _fleet.OpenVolumeAsync(VolumeId, SegmentBytes, 1, new VolumeOptions());
        await AssertPagesAsync(reopened, Pages);
    }

    private static async Task AssertPagesAsync(Volume.Volume volume, int pages)
    {
        var buffer = new byte[PageFrame.PageSize];
        for (ulong page = 0; page < (ulong)pages; page++)
        {
            await volume.ReadPageAsync(new PageId(page), buffer);
            for (var r = 0; r < 2; r++)
                Assert.Equal(40 * 1000 + (long)page, BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(PageFrame.HeaderSize + r * 1000)));
        }
    }
}
