using Borealis.Common;
using Borealis.Redo;
using Borealis.Redo.Wire;
using Borealis.Storage.Log;
using Microsoft.Extensions.Logging;

namespace Borealis.Storage.Segments;

public sealed partial class Segment
{
    /// <summary>
    /// Verifies the CRC of every log entry and page image on disk and repairs what fails from
    /// a peer: a batch is byte-identical on every segment of the group, so the good copy is
    /// written over the bad one in place; a page image is rebuilt from a peer's page at the
    /// group's minimum read point.
    /// </summary>
    public async Task<ScrubReport> ScrubAsync(CancellationToken cancellationToken)
    {
        await _maintenance.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            List<LogEntryInfo> entries;
            List<DamagedEntry> known;
            lock (_gate)
            {
                entries = [.. _byPrev.Values];
                known = [.. _damaged];
                _damaged.Clear();
            }
            int checkedCount = 0, corrupt = 0, repaired = 0;
            var buffer = new byte[1024 * 1024];
            var bad = new List<(LogLocation Location, Lsn Prev, Lsn Last)>();
            foreach (var e in entries)
            {
                checkedCount++;
                if (buffer.Length < e.Location.Length) buffer = new byte[e.Location.Length];
                var span = buffer.AsSpan(0, e.Location.Length);
                if (!_segmentLog.TryRead(e.Location, span)) continue; // chunk collected meanwhile
                if (!RedoBatchHeader.TryValidate(span, out var h) || h.PrevLsn != e.PrevLsn || h.LastLsn != e.LastLsn)
                    bad.Add((e.Location, e.PrevLsn, e.LastLsn));
            }
            foreach (var d in known.Where(d => d.RangeKnown)) bad.Add((d.Location, d.PrevLsn, d.LastLsn));
            corrupt += bad.Count + known.Count(d => !d.RangeKnown);
            foreach (var (location, prev, last) in bad)
            {
                if (await RepairEntryAsync(location, prev, last, cancellationToken).ConfigureAwait(false)) repaired++;
                else lock (_gate) _damaged.Add(new DamagedEntry(location, prev, last, true));
            }
            var (pagesChecked, pagesCorrupt, pagesRepaired) = await ScrubPagesAsync(cancellationToken).ConfigureAwait(false);
            var report = new ScrubReport(checkedCount + pagesChecked, corrupt + pagesCorrupt, repaired + pagesRepaired);
            if (report.Corrupt > 0) _log.LogWarning("segment {Segment}: scrub found {Corrupt} damaged, repaired {Repaired}", Id, report.Corrupt, report.Repaired);
            return report;
        }
        finally { _maintenance.Release(); }
    }

    private async Task<bool> RepairEntryAsync(LogLocation location, Lsn prev, Lsn last, CancellationToken cancellationToken)
    {
        var body = new byte[FetchRequest.Size];
        new FetchRequest(Id, prev, location.Length).Write(body);
        foreach (var peer in Peers())
        {
            using var reply = await Channel(peer).SendAsync(StorageMessageType.Fetch, body, _options.PeerTimeout, cancellationToken).ConfigureAwait(false);
            if (!reply.IsOk || !RedoBatchHeader.TryRead(reply.Payload.Span, out var h) || h.Length != location.Length || h.PrevLsn != prev || h.LastLsn != last) continue;
            var good = reply.Payload.Span[..h.Length];
            if (!RedoBatchHeader.TryValidate(good, out _)) continue;
            _segmentLog.Rewrite(location, good);
            long ticket;
            Lsn scl;
            int generation;
            lock (_gate)
            {
                // An entry found damaged at open never joined the chain: index it now.
                if (!_byPrev.ContainsKey(prev.Value)) { Index(new LogEntryInfo(prev, last, h.Epoch, location)); AdvanceChain(); }
                ticket = _segmentLog.WrittenTicket;
                scl = _receivedScl;
                generation = _generation;
            }
            // The chain may now run past the repaired entry through everything held after it.
            // Only appends and gossip moved the durable SCL, so without this it stayed below the
            // repaired entry until the next write: the segment served no read above it.
            await _segmentLog.WaitDurableAsync(ticket).ConfigureAwait(false);
            MarkDurable(scl, generation);
            _log.LogWarning("segment {Segment}: repaired batch ({Prev}, {Last}] from {Peer}", Id, prev, last, peer);
            return true;
        }
        return false;
    }

    private async Task<(int Checked, int Corrupt, int Repaired)> ScrubPagesAsync(CancellationToken cancellationToken)
    {
        var page = new byte[PageFrame.PageSize];
        int checkedCount = 0, corrupt = 0, repaired = 0;
        SegmentMeta meta;
        lock (_gate) meta = _meta;
        var extent = Math.Min(_images.MaxSlotPages, meta.PageCount);
        for (ulong i = 0; i < extent; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = new PageId(meta.FirstPage + i);
            _images.Forget(id);
            bool intact;
            lock (_gate) intact = _images.Verify(id, page);
            checkedCount++;
            if (intact) continue;
            corrupt++;
            if (await RepairPageAsync(id, cancellationToken).ConfigureAwait(false)) repaired++;
        }
        return (checkedCount, corrupt, repaired);
    }

    private async Task<bool> RepairPageAsync(PageId page, CancellationToken cancellationToken)
    {
        Lsn readPoint;
        lock (_gate) readPoint = Lsn.MaxOf(_meta.Checkpoint, _meta.MinReadPoint);
        var body = new byte[ReadPageRequest.Size];
        new ReadPageRequest(Id, page, readPoint).Write(body);
        var scratch = new byte[PageFrame.PageSize];
        foreach (var peer in Peers())
        {
            using var reply = await Channel(peer).SendAsync(StorageMessageType.ReadPage, body, _options.PeerTimeout, cancellationToken).ConfigureAwait(false);
            if (!reply.IsOk || !PageFrame.Verify(reply.Payload.Span) || PageFrame.GetPageId(reply.Payload.Span) != page) continue;
            lock (_gate)
            {
                // Both slots get the good image: the damaged one must not win a later discovery.
                _images.Forget(page);
                var slot = _images.WriteSpare(page, reply.Payload.Span, scratch);
                _images.Flush();
                _images.Publish(page, slot, PageFrame.GetLsn(reply.Payload.Span));
                slot = _images.WriteSpare(page, reply.Payload.Span, scratch);
                _images.Flush();
                _images.Publish(page, slot, PageFrame.GetLsn(reply.Payload.Span));
            }
            _log.LogWarning("segment {Segment}: repaired image of page {Page} from {Peer}", Id, page, peer);
            return true;
        }
        return false;
    }
}
