using System.Collections.Concurrent;
using System.Globalization;
using Borealis.Common;
using Borealis.Redo;
using Borealis.Redo.Wire;
using Borealis.Storage.Segments;
using Microsoft.Extensions.Logging;

namespace Borealis.Storage;

/// <summary>
/// A storage node: hosts segments under <c>DATA/segments/VOLUME-GROUP/</c> and answers the
/// fleet protocol for them. The same type runs alone (<c>borealis storage-node</c>) or six
/// times in one process (the embedded fleet).
/// </summary>
public sealed class StorageNode : IStorageEndpoint, IAsyncDisposable
{
    private readonly string _segmentsDirectory;
    private readonly IStorageTransport _peers;
    private readonly SegmentOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<SegmentId, Segment> _segments = new();
    private readonly SemaphoreSlim _createGate = new(1, 1);

    public StorageNode(string dataDirectory, NodeAddress self, IStorageTransport peers, SegmentOptions options, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _segmentsDirectory = Path.Combine(dataDirectory, "segments");
        Self = self;
        _peers = peers;
        _options = options;
        _loggers = loggers;
        _log = loggers.CreateLogger("storage-node " + self);
    }

    public NodeAddress Self { get; }

    public IReadOnlyCollection<Segment> Segments => (IReadOnlyCollection<Segment>)_segments.Values;

    /// <summary>Opens every segment found on disk and starts their background work.</summary>
    public void Start()
    {
        CrashSafe.CreateDirectoryDurably(_segmentsDirectory);
        foreach (var dir in Directory.EnumerateDirectories(_segmentsDirectory))
        {
            if (!TryParseSegmentDirectory(Path.GetFileName(dir), out var id)) continue;
            if (!File.Exists(Path.Combine(dir, SegmentMeta.FileName))) { _log.LogWarning("ignoring {Dir}: no {File}", dir, SegmentMeta.FileName); continue; }
            var segment = Segment.Open(id, dir, _options, _peers, Self, _loggers.CreateLogger("segment " + id));
            _segments[id] = segment;
            segment.Start();
        }
        _log.LogInformation("storage node {Self} started with {Count} segments", Self, _segments.Count);
    }

    public Segment? Find(SegmentId id) => _segments.GetValueOrDefault(id);

    public ValueTask<StorageReply> HandleAsync(StorageMessageType type, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var span = body.Span;
        switch (type)
        {
            case StorageMessageType.Append:
                {
                    if (span.Length < AppendRequest.PrefixSize + RedoBatchHeader.Size) return Bad("append body too short");
                    var batch = span[AppendRequest.PrefixSize..];
                    if (!RedoBatchHeader.TryValidate(batch, out var header)) return Reply(ReplyStatus.Corrupt, "batch fails its CRC or structure checks");
                    var segment = Find(new SegmentId(header.Volume, header.Group));
                    if (segment is null) return Unknown(new SegmentId(header.Volume, header.Group));
                    return segment.AppendAsync(batch, header, AppendRequest.ReadMinReadPoint(span));
                }
            case StorageMessageType.ReadPage:
                {
                    if (!ReadPageRequest.TryRead(span, out var request)) return Bad("malformed ReadPage");
                    var segment = Find(request.Segment);
                    return segment is null ? Unknown(request.Segment) : ValueTask.FromResult(segment.ReadPage(request.Page, request.ReadPoint));
                }
            case StorageMessageType.Status:
                {
                    if (!SegmentAddress.TryRead(span, out var address)) return Bad("malformed Status");
                    var segment = Find(address.Segment);
                    return segment is null ? Unknown(address.Segment) : ValueTask.FromResult(segment.Status());
                }
            case StorageMessageType.Truncate:
                {
                    if (!TruncateRequest.TryRead(span, out var request)) return Bad("malformed Truncate");
                    var segment = Find(request.Segment);
                    return segment is null ? Unknown(request.Segment) : ValueTask.FromResult(segment.Truncate(request.History));
                }
            case StorageMessageType.Fetch:
                {
                    if (!FetchRequest.TryRead(span, out var request)) return Bad("malformed Fetch");
                    var segment = Find(request.Segment);
                    return segment is null ? Unknown(request.Segment) : ValueTask.FromResult(segment.Fetch(request.After, request.MaxBytes));
                }
            case StorageMessageType.OpenSegment:
                {
                    if (!OpenSegmentRequest.TryRead(span, out var request)) return Bad("malformed OpenSegment");
                    return OpenSegmentAsync(request, cancellationToken);
                }
            case StorageMessageType.DropSegment:
                {
                    if (!SegmentAddress.TryRead(span, out var address) || span.Length != SegmentAddress.Size + 8) return Bad("malformed DropSegment");
                    return DropSegmentAsync(address.Segment, new Epoch(System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(span[SegmentAddress.Size..])));
                }
            case StorageMessageType.Scrub:
                {
                    if (!SegmentAddress.TryRead(span, out var address)) return Bad("malformed Scrub");
                    var segment = Find(address.Segment);
                    return segment is null ? Unknown(address.Segment) : ScrubAsync(segment, cancellationToken);
                }
            default:
                return Bad($"unknown message type {(ushort)type}");
        }
    }

    private async ValueTask<StorageReply> OpenSegmentAsync(OpenSegmentRequest request, CancellationToken cancellationToken)
    {
        await _createGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_segments.TryGetValue(request.Segment, out var existing))
            {
                existing.SetMembers(request.Members);
                return new StorageReply(ReplyStatus.Ok, existing.DurableScl, existing.Epoch);
            }
            var first = checked(request.Segment.Group.Value * request.PagesPerGroup);
            var segment = Segment.Create(request.Segment, Path.Combine(_segmentsDirectory, request.Segment.ToString()), request.Epoch,
                first, request.PagesPerGroup, request.Members, _options, _peers, Self, _loggers.CreateLogger("segment " + request.Segment));
            _segments[request.Segment] = segment;
            segment.Start();
            _log.LogInformation("created segment {Segment} (pages {First}..{Last}, epoch {Epoch})", request.Segment, first, first + request.PagesPerGroup - 1, request.Epoch);
            return new StorageReply(ReplyStatus.Ok, segment.DurableScl, segment.Epoch);
        }
        finally { _createGate.Release(); }
    }

    private async ValueTask<StorageReply> DropSegmentAsync(SegmentId id, Epoch epoch)
    {
        if (!_segments.TryGetValue(id, out var segment)) return new StorageReply(ReplyStatus.Ok, Lsn.Zero, epoch);
        if (epoch < segment.Epoch) return StorageReply.Error(ReplyStatus.StaleEpoch, segment.DurableScl, segment.Epoch, $"drop of {id} under stale epoch {epoch}");
        _segments.TryRemove(id, out _);
        await segment.DisposeAsync().ConfigureAwait(false);
        Directory.Delete(segment.Directory, recursive: true);
        CrashSafe.FsyncDirectory(_segmentsDirectory);
        _log.LogInformation("dropped segment {Segment}", id);
        return new StorageReply(ReplyStatus.Ok, Lsn.Zero, epoch);
    }

    private static async ValueTask<StorageReply> ScrubAsync(Segment segment, CancellationToken cancellationToken)
    {
        var report = await segment.ScrubAsync(cancellationToken).ConfigureAwait(false);
        return new StorageReply(ReplyStatus.Ok, segment.DurableScl, segment.Epoch, report.ToArray());
    }

    private static ValueTask<StorageReply> Reply(ReplyStatus status, string message) =>
        ValueTask.FromResult(StorageReply.Error(status, Lsn.Zero, Epoch.Zero, message));

    private ValueTask<StorageReply> Bad(string message)
    {
        _log.LogWarning("bad request: {Message}", message);
        return Reply(ReplyStatus.BadRequest, message);
    }

    private static ValueTask<StorageReply> Unknown(SegmentId id) => Reply(ReplyStatus.UnknownSegment, $"no segment {id} on this node");

    private static bool TryParseSegmentDirectory(string name, out SegmentId id)
    {
        id = default;
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0) return false;
        if (!ulong.TryParse(name.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var volume)) return false;
        if (!uint.TryParse(name.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var group)) return false;
        id = new SegmentId(new VolumeId(volume), new ProtectionGroupId(group));
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var segment in _segments.Values) await segment.DisposeAsync().ConfigureAwait(false);
        _segments.Clear();
        _createGate.Dispose();
    }
}
