using Borealis.Common;
using Borealis.Redo;
using Borealis.Redo.Wire;
using Borealis.Storage.Log;

namespace Borealis.Storage.Segments;

public sealed partial class Segment
{
    /// <summary>
    /// Appends a batch from the writer. The log write happens before this returns its task, so
    /// the node keeps each connection's order; the reply (with the new SCL) is sent only after
    /// the fsync that covers the write.
    /// </summary>
    public ValueTask<StorageReply> AppendAsync(ReadOnlySpan<byte> batch, in RedoBatchHeader header, Lsn minReadPoint)
    {
        long ticket;
        Lsn sclAtTicket;
        int generation;
        lock (_gate)
        {
            if (header.Epoch < _meta.Epoch)
                return ValueTask.FromResult(StorageReply.Error(ReplyStatus.StaleEpoch, _durableScl, _meta.Epoch,
                    $"volume epoch {header.Epoch} is stale: segment {Id} is at epoch {_meta.Epoch}; a newer writer owns the volume"));
            if (header.Epoch > _meta.Epoch)
                return ValueTask.FromResult(StorageReply.Error(ReplyStatus.EpochBehind, _durableScl, _meta.Epoch,
                    $"segment {Id} is at epoch {_meta.Epoch}; send the truncation of epoch {header.Epoch} first"));
            if (!RecordsBelongHere(batch, out var reason))
                return ValueTask.FromResult(StorageReply.Error(ReplyStatus.BadRequest, _durableScl, _meta.Epoch, reason));
            if (minReadPoint > _meta.MinReadPoint) _meta = _meta with { MinReadPoint = minReadPoint };
            AddEntry(batch, header, wakeGossipOnHole: true);
            ticket = _segmentLog.WrittenTicket;
            sclAtTicket = _receivedScl;
            generation = _generation;
        }
        return CompleteAsync(ticket, sclAtTicket, generation);
    }

    /// <summary>Writes a batch to the log unless already held, indexes it and extends the chain. Under the gate.</summary>
    private void AddEntry(ReadOnlySpan<byte> batch, in RedoBatchHeader header, bool wakeGossipOnHole)
    {
        if (header.LastLsn <= _receivedScl) return; // already chained
        if (_byPrev.TryGetValue(header.PrevLsn.Value, out var held) && held.Epoch >= header.Epoch) return;
        if (!_meta.History.Keeps(header.Epoch, header.LastLsn)) return;
        var location = _segmentLog.Append(batch);
        var info = new LogEntryInfo(header.PrevLsn, header.LastLsn, header.Epoch, location);
        if (!Index(info)) return;
        if (header.PrevLsn == _receivedScl)
        {
            AdvanceChain(handLocation: location, handBytes: batch.ToArray());
        }
        else if (header.PrevLsn > _receivedScl && wakeGossipOnHole)
        {
            _gossipWake.Release();
        }
    }

    private async ValueTask<StorageReply> CompleteAsync(long ticket, Lsn sclAtTicket, int generation)
    {
        // The ack is built on the fsync thread and handed straight to the transport.
        try { await _segmentLog.WaitDurableAsync(ticket, completeInline: true).ConfigureAwait(false); }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            return Reply(ReplyStatus.Internal, $"segment {Id} log is not durable: {e.Message}");
        }
        MarkDurable(sclAtTicket, generation);
        return Reply();
    }

    private void MarkDurable(Lsn scl, int generation)
    {
        lock (_gate)
            if (generation == _generation && scl > _durableScl) _durableScl = scl;
    }

    private bool RecordsBelongHere(ReadOnlySpan<byte> batch, out string reason)
    {
        var reader = new RedoRecordReader(batch);
        while (reader.TryNext(out var record))
        {
            if (!RedoApply.ChangesPage(record.Type)) continue;
            if (!_images.Contains(record.Page))
            {
                reason = $"record {record.Lsn} is for page {record.Page}, outside segment {Id}";
                return false;
            }
        }
        reason = "";
        return true;
    }
}
