using System.Buffers.Binary;
using Borealis.Common;
using Borealis.Redo;
using Borealis.Server.Embedded;
using Borealis.Storage.Segments;
using Borealis.Volume;
using Borealis.Volume.Writing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Borealis.Server.Tests.Embedded;

public sealed class EmbeddedFleetTests : IAsyncLifetime
{
    private static readonly VolumeId VolumeId = new(7);
    private const long SegmentBytes = 64L * 1024 * 1024;
    private readonly TempDirectory _dir = new();
    private readonly ILoggerFactory _loggers = NullLoggerFactory.Instance;
    private EmbeddedFleet _fleet = null!;

    private static readonly SegmentOptions FastSegments = FastFleet.Segments();

    private static readonly VolumeOptions FastVolume = new() { CommitTimeout = TimeSpan.FromSeconds(3), RecoveryTimeout = TimeSpan.FromSeconds(10) };

    public async Task InitializeAsync() => _fleet = await EmbeddedFleet.StartAsync(_dir.Path, 19100, listenTcp: false, FastSegments, _loggers);

    public async Task DisposeAsync()
    {
        await _fleet.DisposeAsync();
        _dir.Dispose();
    }

    private static async Task<Lsn> WriteCounterAsync(Volume.Volume volume, PageId page, int slot, long value)
    {
        using var mtr = new MiniTransaction();
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        mtr.WriteBytes(page, PageFrame.HeaderSize + slot * 8, bytes);
        return await volume.CommitAsync(mtr);
    }

    private static async Task<long> ReadCounterAsync(Volume.Volume volume, PageId page, int slot)
    {
        var buffer = new byte[PageFrame.PageSize];
        await volume.ReadPageAsync(page, buffer);
        return BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(PageFrame.HeaderSize + slot * 8));
    }

    [Fact]
    public async Task Committed_writes_read_back_and_survive_reopening_the_volume()
    {
        await using (var volume = await _fleet.OpenVolumeAsync(VolumeId, SegmentBytes, 2, FastVolume))
        {
            for (var i = 0; i < 50; i++)
            {
                var lsn = await WriteCounterAsync(volume, new PageId((ulong)(i % 5)), i % 7, i + 1000);
                Assert.True(volume.Vdl >= lsn);
            }
            await WriteCounterAsync(volume, new PageId(SegmentBytes / PageFrame.PageSize + 3), 0, 42); // second group
            Assert.Equal(1000 + 49, await ReadCounterAsync(volume, new PageId(4), 49 % 7));
        }
        await using var reopened = await _fleet.OpenVolumeAsync(VolumeId, SegmentBytes, 2, FastVolume);
        Assert.True(reopened.Epoch > new Epoch(1));
        Assert.Equal(51UL, reopened.Vdl.Value);
        Assert.Equal(1000 + 49, await ReadCounterAsync(reopened, new PageId(4), 49 % 7));
        Assert.Equal(42, await ReadCounterAsync(reopened, new PageId(SegmentBytes / PageFrame.PageSize + 3), 0));
    }

    [Fact]
    public async Task Writes_go_on_with_two_nodes_down_and_stall_with_three_then_resume()
    {
        await using var volume = await _fleet.OpenVolumeAsync(VolumeId, SegmentBytes, 1, FastVolume);
        await WriteCounterAsync(volume, new PageId(1), 0, 1);
        await _fleet.StopNodeAsync(0);
        await _fleet.StopNodeAsync(2);
        await WriteCounterAsync(volume, new PageId(1), 0, 2);
        Assert.Equal(2, await ReadCounterAsync(volume, new PageId(1), 0));

        await _fleet.StopNodeAsync(4);
        var stalled = await Assert.ThrowsAsync<VolumeUnavailableException>(() => WriteCounterAsync(volume, new PageId(1), 0, 3));
        Assert.Contains("write quorum", stalled.Message, StringComparison.Ordinal);
        Assert.Equal(2, await ReadCounterAsync(volume, new PageId(1), 0)); // reads go on

        _fleet.StartNode(4);
        await WriteCounterAsync(volume, new PageId(1), 0, 4);
        Assert.Equal(4, await ReadCounterAsync(volume, new PageId(1), 0));
    }

    [Fact]
    public async Task A_restarted_node_catches_up_by_gossip()
    {
        await using var volume = await _fleet.OpenVolumeAsync(VolumeId, SegmentBytes, 1, FastVolume);
        await _fleet.StopNodeAsync(5);
        for (var i = 0; i < 20; i++) await WriteCounterAsync(volume, new PageId(2), i, i);
        var target = volume.Vdl;
        _fleet.StartNode(5);
        var segment = _fleet.Node(5)!.Find(new SegmentId(VolumeId, new ProtectionGroupId(0)))!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (segment.DurableScl < target && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(segment.DurableScl >= target, $"node 5 reached {segment.DurableScl}, writer is at {target}");
    }

    [Fact]
    public async Task A_writer_with_an_old_epoch_is_fenced()
    {
        var old = await _fleet.OpenVolumeAsync(VolumeId, SegmentBytes, 1, FastVolume);
        await WriteCounterAsync(old, new PageId(1), 0, 1);
        await using var newer = await _fleet.OpenVolumeAsync(VolumeId, SegmentBytes, 1, FastVolume);
        await Assert.ThrowsAsync<VolumeFencedException>(() => WriteCounterAsync(old, new PageId(1), 0, 2));
        await old.DisposeAsync();
        await WriteCounterAsync(newer, new PageId(1), 0, 3);
        Assert.Equal(3, await ReadCounterAsync(newer, new PageId(1), 0));
    }
}
