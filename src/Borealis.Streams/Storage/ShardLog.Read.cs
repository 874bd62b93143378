using Borealis.Common;
using Borealis.Redo;

namespace Borealis.Streams.Storage;

public sealed partial class ShardLog
{
    /// <summary>What one read found: how many records, where the next read starts, and the last record's arrival time (0 when none).</summary>
    public readonly record struct ReadOutcome(int Count, ulong Next, long LastArrivalUnixMs);

    /// <summary>
    /// Hands the records from <paramref name="from"/> (a record's position, or the tail) up to
    /// <paramref name="until"/> (at most the durable tail) to <paramref name="sink"/>, at most
    /// <paramref name="limit"/> records and about <paramref name="maxBytes"/> of data.
    /// </summary>
    public async Task<ReadOutcome> ReadAsync<TSink>(ulong from, int limit, long maxBytes, TSink sink, ulong until = ulong.MaxValue, CancellationToken cancellationToken = default)
        where TSink : IRecordSink
    {
        var tail = Math.Min(Tail.Position, until);
        // An iterator made before a trim starts at the horizon: trimmed records are never served.
        var position = Math.Max(from, TrimPosition);
        long bytes = 0;
        var count = 0;
        long lastArrival = 0;
        var reader = new PageReader(this, tail);
        while (position < tail && count < limit && bytes < maxBytes)
        {
            var frame = await reader.FrameAsync(position, cancellationToken).ConfigureAwait(false);
            lastArrival = Deliver(sink, position, frame.Span, out var dataLength);
            bytes += dataLength;
            position += (ulong)frame.Length;
            count++;
        }
        return new ReadOutcome(count, position, lastArrival);
    }

    private static long Deliver<TSink>(TSink sink, ulong position, ReadOnlySpan<byte> frame, out int dataLength) where TSink : IRecordSink
    {
        var arrival = LogRecord.Parse(position, frame, out var key, out var data);
        sink.Accept(position, arrival, key, data);
        dataLength = data.Length;
        return arrival;
    }

    /// <summary>Reads records into a list: for tests and the rare paths, not for GetRecords.</summary>
    public async Task<(IReadOnlyList<LogRecord> Records, ulong Next)> ReadAsync(ulong from, int limit, long maxBytes, CancellationToken cancellationToken = default)
    {
        var collector = new Collector();
        var outcome = await ReadAsync(from, limit, maxBytes, collector, cancellationToken: cancellationToken).ConfigureAwait(false);
        return (collector.Records, outcome.Next);
    }

    private sealed class Collector : IRecordSink
    {
        public List<LogRecord> Records { get; } = [];

        public void Accept(ulong position, long arrivalUnixMs, ReadOnlySpan<byte> partitionKeyUtf8, ReadOnlySpan<byte> data) =>
            Records.Add(new LogRecord(position, arrivalUnixMs, System.Text.Encoding.UTF8.GetString(partitionKeyUtf8), data.ToArray()));
    }

    /// <summary>The record at <paramref name="position"/>; throws <see cref="InvalidDataException"/> if no record starts there.</summary>
    public async Task<LogRecord> ReadOneAsync(ulong position, CancellationToken cancellationToken = default)
    {
        var tail = Tail.Position;
        if (position >= tail) throw new InvalidDataException($"position {position} is at or beyond the shard's end {tail}");
        return await new PageReader(this, tail).ReadRecordAsync(position, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The position of the first record that arrived at or after <paramref name="unixMs"/>, or the
    /// tail. A scan from the start: arrival times only grow, but records have no index yet.
    /// </summary>
    public async Task<ulong> FindArrivalAsync(long unixMs, CancellationToken cancellationToken = default)
    {
        var tail = Tail;
        if (tail.LastArrivalUnixMs < unixMs) return tail.Position;
        var reader = new PageReader(this, tail.Position);
        var position = TrimPosition;
        var head = new byte[LogRecord.FrameHeaderSize + 8];
        while (position < tail.Position)
        {
            await reader.ReadBytesAsync(position, head, cancellationToken).ConfigureAwait(false);
            if (System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(head.AsSpan(LogRecord.FrameHeaderSize)) >= unixMs) return position;
            position += (ulong)(LogRecord.FrameHeaderSize + LogRecord.BodyLength(head));
        }
        return position;
    }

    /// <summary>Reads log bytes page by page at VDL, keeping the current page and caching pages the log has moved past.</summary>
    private sealed class PageReader(ShardLog log, ulong tail)
    {
        private PageId _page = new(ulong.MaxValue);
        private byte[] _image = [];
        private readonly byte[] _header = new byte[LogRecord.FrameHeaderSize];
        private byte[] _scratch = [];
        private byte[]? _own; // this reader's copy of a page from the tail ring

        public async Task<LogRecord> ReadRecordAsync(ulong position, CancellationToken cancellationToken)
        {
            var frame = await FrameAsync(position, cancellationToken).ConfigureAwait(false);
            return LogRecord.Decode(position, frame.Span);
        }

        /// <summary>
        /// The whole frame of the record at <paramref name="position"/>: a slice of the page image
        /// when it lies within one page (most do), else copied into a scratch buffer kept for the
        /// next one. Valid until the next call.
        /// </summary>
        public async ValueTask<ReadOnlyMemory<byte>> FrameAsync(ulong position, CancellationToken cancellationToken)
        {
            await ReadBytesAsync(position, _header, cancellationToken).ConfigureAwait(false);
            var length = LogRecord.BodyLength(_header);
            var total = LogRecord.FrameHeaderSize + (long)length;
            if (length < 0 || position + (ulong)total > tail)
                throw new InvalidDataException($"no record starts at position {position}");
            var page = LogAddress.PageOf(position);
            var offset = LogAddress.OffsetInPage(position);
            if (_page == page && offset + total <= PageFrame.PageSize) return _image.AsMemory(offset, (int)total);
            if (_scratch.Length < total) _scratch = new byte[Math.Max(total, 2 * _scratch.Length)];
            var frame = _scratch.AsMemory(0, (int)total);
            await ReadBytesAsync(position, frame, cancellationToken).ConfigureAwait(false);
            return frame;
        }

        public async Task ReadBytesAsync(ulong position, Memory<byte> destination, CancellationToken cancellationToken)
        {
            var done = 0;
            while (done < destination.Length)
            {
                var at = position + (ulong)done;
                var page = LogAddress.PageOf(at);
                if (page != _page) await LoadAsync(page, cancellationToken).ConfigureAwait(false);
                var offset = LogAddress.OffsetInPage(at);
                var take = Math.Min(destination.Length - done, PageFrame.PageSize - offset);
                _image.AsMemory(offset, take).CopyTo(destination[done..]);
                done += take;
            }
        }

        private async Task LoadAsync(PageId page, CancellationToken cancellationToken)
        {
            if (log._cache.TryGet(page, out var cached))
            {
                _image = cached;
                _page = page;
                return;
            }
            _own ??= new byte[PageFrame.PageSize];
            if (log._ring.TryCopy(page, _own))
            {
                _image = _own;
                _page = page;
                return;
            }
            var image = new byte[PageFrame.PageSize];
            await log._volume.ReadPageAsync(page, image, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (LogAddress.IsSealed(page, tail)) log._cache.Add(page, image);
            _image = image;
            _page = page;
        }
    }
}
