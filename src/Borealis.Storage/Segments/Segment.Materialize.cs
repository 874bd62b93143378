using Borealis.Common;
using Borealis.Redo;
using Borealis.Storage.Log;
using Borealis.Storage.Pages;
using Microsoft.Extensions.Logging;

namespace Borealis.Storage.Segments;

public sealed partial class Segment
{
    /// <summary>
    /// Coalesces redo into page images up to the group's minimum read point (never beyond what
    /// is durable here, and never beyond what the writer has made durable on the quorum, so a
    /// later truncation can never reach into an image), then collects redo no one needs.
    /// Returns the pages written.
    /// </summary>
    public async Task<int> MaterializeAsync(CancellationToken cancellationToken)
    {
        await _maintenance.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Lsn target;
            List<PageId> pages;
            lock (_gate)
            {
                target = Lsn.Min(_meta.MinReadPoint, _durableScl);
                if (target <= _meta.Checkpoint) return 0;
                pages = _pending.PagesWithRedoThrough(target);
            }
            var written = new List<(PageId Page, int Slot, Lsn Lsn)>(pages.Count);
            var buffer = new byte[PageFrame.PageSize];
            var scratch = new byte[PageFrame.PageSize];
            var slices = new List<RedoSlice>();
            foreach (var page in pages)
            {
                cancellationToken.ThrowIfCancellationRequested();
                slices.Clear();
                lock (_gate)
                {
                    if (!_images.TryLoad(page, buffer)) { _log.LogError("segment {Segment}: image of page {Page} is damaged; left for scrub", Id, page); continue; }
                    _pending.Collect(page, target, slices);
                }
                if (PendingRedo.ApplyAll(buffer, slices) == 0) continue;
                PageFrame.Seal(buffer);
                written.Add((page, _images.WriteSpare(page, buffer, scratch), PageFrame.GetLsn(buffer)));
            }
            _images.Flush();
            lock (_gate)
            {
                foreach (var (page, slot, lsn) in written) _images.Publish(page, slot, lsn);
                foreach (var page in pages) _pending.DropThrough(page, target);
                _meta = _meta with { Checkpoint = target };
            }
            SaveMeta();
            CollectLog();
            if (written.Count > 0) _log.LogDebug("segment {Segment}: materialized {Pages} pages to {Lsn}", Id, written.Count, target);
            return written.Count;
        }
        finally { _maintenance.Release(); }
    }

    /// <summary>
    /// Deletes log chunks whose batches are all in the images and all held by every peer (so
    /// no peer will ask for them), or, past the retention limit, in the images alone.
    /// </summary>
    private void CollectLog()
    {
        var chunks = _segmentLog.ChunkNumbers;
        if (chunks.Count <= 1) return;
        var doomed = new List<int>();
        Lsn newBase;
        lock (_gate)
        {
            var peersComplete = _peerScl.Count == 0 ? Lsn.Zero : _peerScl.Values.Min();
            if (_meta.Members.Count <= 1) peersComplete = Lsn.Max;
            var limit = Lsn.Min(_meta.Checkpoint, peersComplete);
            if (_segmentLog.TotalBytes > _options.MaxRetainedLogBytes) limit = _meta.Checkpoint;
            var byChunk = _byPrev.Values.GroupBy(e => e.Location.Chunk).ToDictionary(g => g.Key, g => g.Max(e => e.LastLsn));
            newBase = _meta.ChainBase;
            foreach (var chunk in chunks)
            {
                if (chunk == _segmentLog.CurrentChunk) break;
                var max = byChunk.GetValueOrDefault(chunk, Lsn.Zero);
                if (max > limit || max > _receivedScl) break;
                doomed.Add(chunk);
                newBase = Lsn.MaxOf(newBase, max);
            }
            if (doomed.Count == 0) return;
            _meta = _meta with { ChainBase = newBase };
            foreach (var e in _byPrev.Values.Where(e => doomed.Contains(e.Location.Chunk)).ToList()) _byPrev.Remove(e.PrevLsn.Value);
        }
        // The new chain base is durable before any chunk goes; neither is done holding the gate.
        SaveMeta();
        foreach (var chunk in doomed) _segmentLog.DeleteChunk(chunk);
        _log.LogInformation("segment {Segment}: collected {Count} log chunks; chain base {Base}", Id, doomed.Count, newBase);
    }
}
