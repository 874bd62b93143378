using System.Buffers.Binary;
using Borealis.Common;
using Borealis.Redo;
using Borealis.Server.Embedded;
using Borealis.Storage;
using Borealis.Storage.Segments;
using Borealis.Volume;
using Borealis.Volume.Writing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Borealis.Server.Tests.Embedded;

/// <summary>Replacing one dead segment through quorum sets while writes go on.</summary>
public sealed class MembershipChangeTests : IAsyncLifetime
{
    private static readonly VolumeId VolumeId = new(11);
    private const long SegmentBytes = 64L * 1024 * 1024;
    private static readonly SegmentOptions Fast = FastFleet.Segments(256 * 1024);

    private readonly TempDirectory _dir = new();
    private EmbeddedFleet _fleet = null!;
    private StorageNode? _spare;

    public async Task InitializeAsync() => _fleet = await EmbeddedFleet.StartAsync(_dir.Path, 19400, listenTcp: false, Fast, NullLoggerFactory.Instance);

    public async Task DisposeAsync()
    {
        if (_spare is not null) await _spare.DisposeAsync();
        await _fleet.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_dead_segment_is_replaced_while_writes_go_on_and_the_new_one_holds_everything()
    {
        await using var volume = await _fleet.OpenVolumeAsync(VolumeId, SegmentBytes, 1, new VolumeOptions { CommitTimeout = TimeSpan.FromSeconds(5) });
        var model = new Dictionary<ulong, long>();
        using var mtr = new MiniTransaction();
        async Task WriteAsync(ulong page, long value)
        {
            mtr.Clear();
            var bytes = new byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
            mtr.WriteBytes(new PageId(page), PageFrame.HeaderSize, bytes);
            await volume.CommitAsync(mtr);
            model[page] = value;
        }
        for (var i = 0; i < 200; i++) await WriteAsync((ulong)(i % 13), i);

        var dead = _fleet.Addresses[5];
        await _fleet.StopNodeAsync(5);
        var spareAddress = new NodeAddress("127.0.0.1", 19406, dead.Zone);
        _spare = new StorageNode(Path.Combine(_dir.Path, "spare"), spareAddress, _fleet.Transport, Fast, NullLoggerFactory.Instance);
        _spare.Start();
        _fleet.Transport.Register(spareAddress, _spare);

        using var writing = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            var n = 1000;
            while (!writing.IsCancellationRequested) await WriteAsync((ulong)(n % 13), n++);
        });
        await volume.ReplaceSegmentsAsync(new ProtectionGroupId(0), new Dictionary<NodeAddress, NodeAddress> { [dead] = spareAddress });
        await Task.Delay(200);
        await writing.CancelAsync();
        await writer;

        var membership = (await _fleet.Metadata.GetVolumeAsync(VolumeId))!.Groups[0];
        Assert.Null(membership.Next);
        Assert.Contains(spareAddress, membership.Current);
        Assert.DoesNotContain(dead, membership.Current);

        // The new segment alone serves every page as the writer last wrote it.
        var segment = _spare.Find(new SegmentId(VolumeId, new ProtectionGroupId(0)))!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (segment.DurableScl < volume.Vdl && DateTime.UtcNow < deadline) await Task.Delay(20);
        foreach (var (page, value) in model)
        {
            using var reply = segment.ReadPage(new PageId(page), volume.Vdl);
            Assert.True(reply.IsOk, reply.ToString());
            Assert.Equal(value, BinaryPrimitives.ReadInt64LittleEndian(reply.Payload.Span[PageFrame.HeaderSize..]));
        }

        // With the new set, two more nodes may fail and writes still go on.
        await _fleet.StopNodeAsync(0);
        await _fleet.StopNodeAsync(2);
        await WriteAsync(1, 99_999);
        var page1 = new byte[PageFrame.PageSize];
        await volume.ReadPageAsync(new PageId(1), page1);
        Assert.Equal(99_999, BinaryPrimitives.ReadInt64LittleEndian(page1.AsSpan(PageFrame.HeaderSize)));
    }
}
