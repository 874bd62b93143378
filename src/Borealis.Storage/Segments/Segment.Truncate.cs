using Borealis.Common;
using Borealis.Redo;
using Borealis.Redo.Wire;
using Microsoft.Extensions.Logging;

namespace Borealis.Storage.Segments;

public sealed partial class Segment
{
    /// <summary>
    /// Adopts a truncation history (from a writer opening the volume, or learned from a peer):
    /// raises the epoch, which fences older writers, and voids every batch of an older epoch
    /// above its keep-through point. Persisted before the reply.
    /// </summary>
    public StorageReply Truncate(TruncationHistory history)
    {
        // Metadata savers take _metaSaveGate before _gate (see SaveMeta).
        lock (_metaSaveGate)
        lock (_gate)
        {
            if (!Adopt(history)) return StorageReply.Error(ReplyStatus.StaleEpoch, _durableScl, _meta.Epoch, $"segment {Id} is at epoch {_meta.Epoch}, newer than {history.NewestEpoch}");
            return new StorageReply(ReplyStatus.Ok, _durableScl, _meta.Epoch);
        }
    }

    /// <summary>Merges a history in; false when it is older than what the segment holds. Under the gate.</summary>
    private bool Adopt(TruncationHistory history)
    {
        if (history.NewestEpoch < _meta.Epoch) return false;
        var merged = _meta.History.Merge(history);
        if (merged == _meta.History && history.NewestEpoch == _meta.Epoch) return true;
        _meta = _meta with { History = merged, Epoch = merged.NewestEpoch > _meta.Epoch ? merged.NewestEpoch : _meta.Epoch };
        _meta.Save(_directory);

        var voided = _byPrev.Values.Where(e => !merged.Keeps(e.Epoch, e.LastLsn)).ToList();
        if (voided.Count == 0) return true;
        foreach (var e in voided) _byPrev.Remove(e.PrevLsn.Value);
        _highestReceived = _byPrev.Count == 0 ? _receivedScl : _byPrev.Values.Max(e => e.LastLsn);

        // The chain may run through voided batches: rebuild it and the pending redo from the base.
        _generation++;
        _pending.DropAbove(Lsn.Zero);
        _receivedScl = _meta.ChainBase;
        AdvanceChain();
        _durableScl = Lsn.Min(_durableScl, _receivedScl);
        if (_highestReceived < _receivedScl) _highestReceived = _receivedScl;
        _log.LogWarning("segment {Segment}: truncation to epoch {Epoch} voided {Count} batches; scl now {Scl}", Id, _meta.Epoch, voided.Count, _durableScl);
        return true;
    }
}
