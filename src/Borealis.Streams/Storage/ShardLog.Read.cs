using Borealis.Common;
using Borealis.Redo;

namespace Borealis.Streams.Storage;

public sealed partial class ShardLog
{
    /// <summary>
    /// Reads records from <paramref name="from"/> (a record's position, or the tail) up to the
    /// durable tail, at most <paramref name="limit"/> records and about <paramref name="maxBytes"/>
    /// of data; returns them and where the next read starts.
    /// </summary>
    public async Task<(IReadOnlyList<LogRecord> Records, ulong Next)> ReadAsync(ulong from, int limit, long maxBytes, CancellationToken cancellationToken = default)
    {
        var tail = Tail.Position;
        var records = new List<LogRecord>();
        var position = from;
        long bytes = 0;
        var reader = new PageReader(this, tail);
        while (position < tail && records.Count < limit && bytes < maxBytes)
        {
            var record = await reader.ReadRecordAsync(position, cancellationToken).ConfigureAwait(false);
            records.Add(record);
            bytes += record.Data.Length;
            position += (ulong)record.EncodedLength();
        }
        return (records, position);
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
        var position = 0UL;
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
        private byte[] _image = new byte[PageFrame.PageSize];

        public async Task<LogRecord> ReadRecordAsync(ulong position, CancellationToken cancellationToken)
        {
            var header = new byte[LogRecord.FrameHeaderSize];
            await ReadBytesAsync(position, header, cancellationToken).ConfigureAwait(false);
            var length = LogRecord.BodyLength(header);
            if (length < 0 || position + LogRecord.FrameHeaderSize + (ulong)length > tail)
                throw new InvalidDataException($"no record starts at position {position}");
            var frame = new byte[LogRecord.FrameHeaderSize + length];
            await ReadBytesAsync(position, frame, cancellationToken).ConfigureAwait(false);
            return LogRecord.Decode(position, frame);
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
            var image = new byte[PageFrame.PageSize];
            await log._volume.ReadPageAsync(page, image, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (LogAddress.IsSealed(page, tail)) log._cache.Add(page, image);
            _image = image;
            _page = page;
        }
    }
}
