using System.Buffers;
using Borealis.Common;
using Borealis.Redo;
using Borealis.Redo.Wire;
using Borealis.Volume;
using Borealis.Volume.Metadata;
using Borealis.Volume.Writing;
using Microsoft.Extensions.Logging;

namespace Borealis.Streams.Storage;

/// <summary>
/// One shard's records: an append-only log of pages in a volume of its own, with one protection
/// group of three segments (one per zone) that counts a write durable on 2 of 3. This process is
/// the volume's only writer; appends are ordered by a gate and acknowledged only after the
/// volume says they are durable. Reading is in <c>ShardLog.Read.cs</c>.
/// </summary>
public sealed partial class ShardLog : IAsyncDisposable
{
    /// <summary>Records are grouped into mini-transactions of about this many bytes, so one huge put never makes one huge batch.</summary>
    private const int MtrBytes = 1024 * 1024;

    private readonly Volume.Volume _volume;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _appendGate = new(1, 1);
    private readonly object _tailGate = new();
    private readonly SealedPageCache _cache = new(256);
    /// <summary>32 pages (512 KiB) a shard: a few thousand 100-byte records behind the tail.</summary>
    private readonly TailPageRing _ring = new(32);
    private ShardHeader _assigned; // what the last appended (not necessarily durable) record left
    private ShardTail _durable;
    private ulong _trim; // durable trim position: reads start no earlier
    private Lsn _lastAppended = Lsn.Zero; // under the append gate

    private ShardLog(Volume.Volume volume, ShardHeader header, TimeProvider clock)
    {
        _volume = volume;
        _clock = clock;
        _assigned = header;
        _durable = new ShardTail(header.Tail, header.RecordCount, header.LastArrivalUnixMs);
        _trim = header.TrimPosition;
    }

    public VolumeId Volume => _volume.Id;

    /// <summary>The shard's rate account when throughput limits are on; null when they are off.</summary>
    public Throughput.ShardThroughput? Throughput { get; internal set; }

    public ShardTail Tail
    {
        get { lock (_tailGate) return _durable; }
    }

    /// <summary>Opens the shard's volume as its writer, creating it on <paramref name="placement"/> the first time.</summary>
    public static async Task<ShardLog> OpenAsync(VolumeId id, IReadOnlyList<NodeAddress> placement, long segmentBytes, IClusterMetadata metadata,
        IStorageTransport transport, VolumeOptions options, TimeProvider clock, ILogger log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        Volume.Volume volume;
        if (await metadata.GetVolumeAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            var geometry = new VolumeGeometry(id, segmentBytes, 1, [new PgMembership(0, placement, null)], Epoch.Zero);
            volume = await Borealis.Volume.Volume.CreateAsync(geometry, metadata, transport, options, log, cancellationToken).ConfigureAwait(false);
        }
        else volume = await Borealis.Volume.Volume.OpenAsync(id, metadata, transport, options, log, cancellationToken).ConfigureAwait(false);
        try
        {
            var page = new byte[PageFrame.PageSize];
            await volume.ReadPageAsync(new PageId(0), page, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new ShardLog(volume, ShardHeader.Read(page), clock);
        }
        catch
        {
            await volume.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Appends records in order and returns, once they are durable, the position of the first and
    /// the arrival time of all: they lie back to back from there (record i+1 starts where record i
    /// ends, <see cref="LogRecord.EncodedLength(int, int)"/>), even when they take several
    /// mini-transactions, since the gate is held across them. Arrival times never go backwards
    /// within a shard, so AT_TIMESTAMP can rely on them.
    /// </summary>
    public async Task<(ulong Start, long ArrivalUnixMs)> AppendAsync(ReadOnlyMemory<IncomingRecord> records, CancellationToken cancellationToken = default)
    {
        if (records.IsEmpty) return (Tail.Position, _clock.GetUtcNow().ToUnixTimeMilliseconds());
        var last = Lsn.Zero;
        ShardHeader end;
        ulong start;
        long arrival;
        await _appendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_closedAt is not null) throw new ShardClosedException(Volume);
            start = _assigned.Tail;
            arrival = Math.Max(_clock.GetUtcNow().ToUnixTimeMilliseconds(), _assigned.LastArrivalUnixMs);
            var next = 0;
            while (next < records.Length)
            {
                var header = _assigned;
                var from = next;
                var bytes = 0;
                while (next < records.Length && (next == from || bytes < MtrBytes))
                {
                    var r = records.Span[next];
                    bytes += LogRecord.EncodedLength(r.PartitionKeyUtf8.Length, r.Data.Length);
                    next++;
                }
                var after = header with { Tail = header.Tail + (ulong)bytes, RecordCount = header.RecordCount + (ulong)(next - from), LastArrivalUnixMs = arrival };
                using var mtr = BuildMiniTransaction(header.Tail, records.Span[from..next], arrival, bytes, after);
                last = await _volume.AppendAsync(mtr, cancellationToken).ConfigureAwait(false);
                _lastAppended = last;
                _assigned = after;
            }
            end = _assigned;
        }
        finally
        {
            _appendGate.Release();
        }
        await _volume.WaitDurableAsync(last, cancellationToken).ConfigureAwait(false);
        TaskCompletionSource? appended;
        lock (_tailGate)
        {
            if (end.Tail > _durable.Position) _durable = new ShardTail(end.Tail, end.RecordCount, end.LastArrivalUnixMs);
            (appended, _appended) = (_appended, null);
        }
        appended?.TrySetResult();
        return (start, arrival);
    }

    /// <summary>
    /// The records' bytes over the pages they cover (a full image for a page the log enters for the
    /// first time, the written bytes for the page it continues), then the header's new tail, all in
    /// one mini-transaction: after a crash either all of it is there or none. The staging buffers
    /// are pooled: the mini-transaction keeps its own copy.
    /// </summary>
    private MiniTransaction BuildMiniTransaction(ulong start, ReadOnlySpan<IncomingRecord> records, long arrival, int length, ShardHeader after)
    {
        var run = ArrayPool<byte>.Shared.Rent(length);
        var image = ArrayPool<byte>.Shared.Rent(PageFrame.PageSize);
        try
        {
            var at = 0;
            foreach (var r in records) at += LogRecord.Encode(run.AsSpan(at), arrival, r.PartitionKeyUtf8.Span, r.Data.Span);
            var mtr = new MiniTransaction();
            var page = image.AsSpan(0, PageFrame.PageSize);
            var done = 0;
            while (done < length)
            {
                var position = start + (ulong)done;
                var pageId = LogAddress.PageOf(position);
                var offset = LogAddress.OffsetInPage(position);
                var take = Math.Min(length - done, PageFrame.PageSize - offset);
                var chunk = run.AsSpan(done, take);
                if (offset == PageFrame.HeaderSize)
                {
                    PageFrame.InitializeEmpty(page, pageId);
                    chunk.CopyTo(page[offset..]);
                    PageFrame.Seal(page);
                    mtr.PageImage(pageId, page);
                    _ring.Begin(pageId);
                }
                else mtr.WriteBytes(pageId, offset, chunk);
                _ring.Write(pageId, offset, chunk);
                done += take;
            }
            Span<byte> header = stackalloc byte[ShardHeader.Size];
            after.Write(header);
            mtr.WriteBytes(new PageId(0), PageFrame.HeaderSize, header);
            return mtr;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(run);
            ArrayPool<byte>.Shared.Return(image);
        }
    }

    public async ValueTask DisposeAsync()
    {
        WakeWaiters();
        await _volume.DisposeAsync().ConfigureAwait(false);
        _appendGate.Dispose();
    }
}
