using System.Buffers.Binary;
using Borealis.Common;
using Borealis.Redo;
using Borealis.Volume.Writing;

namespace Borealis.Streams.Storage;

public sealed partial class ShardLog
{
    /// <summary>Where reads start at the earliest: the first record still within retention (0 until something is trimmed).</summary>
    public ulong TrimPosition
    {
        get { lock (_tailGate) return _trim; }
    }

    /// <summary>
    /// Advances the trim horizon past every record that arrived before <paramref name="cutoffUnixMs"/>
    /// and records it, durably, in the header; returns true if it moved. Arrival times never go
    /// backwards in a shard, so the records to drop are a prefix, found by reading record headers
    /// from the current horizon. The pages stay on the fleet: the volume layer has no way yet to
    /// give pages back, so trimming hides records but does not reclaim their space.
    /// </summary>
    public async Task<bool> TrimBeforeAsync(long cutoffUnixMs, CancellationToken cancellationToken = default)
    {
        var tail = Tail;
        var from = TrimPosition;
        if (from >= tail.Position) return false;
        ulong horizon;
        if (tail.LastArrivalUnixMs < cutoffUnixMs) horizon = tail.Position;
        else
        {
            var reader = new PageReader(this, tail.Position);
            var head = new byte[LogRecord.FrameHeaderSize + 8];
            horizon = from;
            while (horizon < tail.Position)
            {
                await reader.ReadBytesAsync(horizon, head, cancellationToken).ConfigureAwait(false);
                if (BinaryPrimitives.ReadInt64LittleEndian(head.AsSpan(LogRecord.FrameHeaderSize)) >= cutoffUnixMs) break;
                horizon += (ulong)(LogRecord.FrameHeaderSize + LogRecord.BodyLength(head));
            }
        }
        if (horizon <= from) return false;

        Lsn lsn;
        await _appendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var after = _assigned with { TrimPosition = horizon };
            using var mtr = new MiniTransaction();
            Span<byte> header = stackalloc byte[ShardHeader.Size];
            after.Write(header);
            mtr.WriteBytes(new PageId(0), PageFrame.HeaderSize, header);
            lsn = await _volume.AppendAsync(mtr, cancellationToken).ConfigureAwait(false);
            _lastAppended = lsn;
            _assigned = after;
        }
        finally
        {
            _appendGate.Release();
        }
        await _volume.WaitDurableAsync(lsn, cancellationToken).ConfigureAwait(false);
        lock (_tailGate) _trim = Math.Max(_trim, horizon);
        _cache.Forget(LogAddress.PageOf(horizon));
        return true;
    }
}
