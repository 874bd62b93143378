using System.Buffers;
using Borealis.Common;
using Borealis.Redo;
using Borealis.Redo.Wire;
using Borealis.Storage.Pages;

namespace Borealis.Storage.Segments;

public sealed partial class Segment
{
    /// <summary>
    /// Builds a page as of <paramref name="readPoint"/>: its newest image plus the redo after it.
    /// Answers only when this segment is complete up to the read point.
    /// </summary>
    public StorageReply ReadPage(PageId page, Lsn readPoint)
    {
        if (!_images.Contains(page)) return Reply(ReplyStatus.BadRequest, $"page {page} is not in segment {Id}");
        var slices = new List<RedoSlice>();
        var owner = MemoryPool<byte>.Shared.Rent(PageFrame.PageSize);
        var buffer = owner.Memory.Span[..PageFrame.PageSize];
        try
        {
            lock (_gate)
            {
                if (readPoint > _durableScl)
                {
                    owner.Dispose();
                    return StorageReply.Error(ReplyStatus.NotComplete, _durableScl, _meta.Epoch, $"segment {Id} is complete to {_durableScl}, not {readPoint}");
                }
                if (!_images.TryLoad(page, buffer))
                {
                    owner.Dispose();
                    _gossipWake.Release();
                    return StorageReply.Error(ReplyStatus.Corrupt, _durableScl, _meta.Epoch, $"page {page} image is damaged on segment {Id}; repair pending");
                }
                if (PageFrame.GetLsn(buffer) > readPoint)
                {
                    owner.Dispose();
                    return StorageReply.Error(ReplyStatus.ReadPointTooOld, _durableScl, _meta.Epoch, $"page {page} is materialized past {readPoint}");
                }
                _pending.Collect(page, readPoint, slices);
            }
            PendingRedo.ApplyAll(buffer, slices);
            PageFrame.Seal(buffer);
            return new StorageReply(ReplyStatus.Ok, DurableScl, Epoch, owner.Memory[..PageFrame.PageSize], owner);
        }
        catch (InvalidDataException e)
        {
            owner.Dispose();
            return Reply(ReplyStatus.Corrupt, e.Message);
        }
    }

    /// <summary>
    /// Serves a peer's gossip: whole batches of this segment's durable chain continuing from
    /// <paramref name="after"/>, up to about <paramref name="maxBytes"/>.
    /// </summary>
    public StorageReply Fetch(Lsn after, int maxBytes)
    {
        var chain = new List<Storage.Log.LogEntryInfo>();
        lock (_gate)
        {
            if (after < _meta.ChainBase)
                return StorageReply.Error(ReplyStatus.GarbageCollected, _durableScl, _meta.Epoch, $"segment {Id} collected its redo through {_meta.ChainBase}");
            var at = after;
            var total = 0;
            while (at < _durableScl && _byPrev.TryGetValue(at.Value, out var e) && e.LastLsn <= _durableScl)
            {
                if (total > 0 && total + e.Location.Length > maxBytes) break;
                chain.Add(e);
                total += e.Location.Length;
                at = e.LastLsn;
            }
        }
        var size = chain.Sum(e => e.Location.Length);
        if (size == 0) return Reply();
        var owner = MemoryPool<byte>.Shared.Rent(size);
        var span = owner.Memory.Span;
        var offset = 0;
        foreach (var e in chain)
        {
            var slot = span.Slice(offset, e.Location.Length);
            if (!_segmentLog.TryRead(e.Location, slot) || !RedoBatchHeader.TryValidate(slot, out _)) break; // damaged here: serve what precedes it
            offset += e.Location.Length;
        }
        var reply = Reply();
        return new StorageReply(ReplyStatus.Ok, reply.Scl, reply.Epoch, owner.Memory[..offset], owner);
    }

    public StorageReply Status()
    {
        lock (_gate)
        {
            var status = new SegmentStatus(_highestReceived, _meta.Checkpoint, _meta.ChainBase, _meta.History);
            return new StorageReply(ReplyStatus.Ok, _durableScl, _meta.Epoch, status.ToArray());
        }
    }
}
