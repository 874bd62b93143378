using System.Diagnostics;
using Borealis.Common;
using Borealis.Redo;
using Borealis.Redo.Wire;
using Borealis.Volume.Writing;

namespace Borealis.Volume;

public sealed partial class Volume
{
    /// <summary>
    /// Reads a page as of <paramref name="readPoint"/> (VDL by default) from ONE segment known
    /// to be complete up to it, the fastest first; another one when it is slow or gone. No
    /// quorum read: the writer knows which segments are complete.
    /// </summary>
    public async ValueTask ReadPageAsync(PageId page, Memory<byte> destination, Lsn? readPoint = null, CancellationToken cancellationToken = default)
    {
        if (destination.Length < PageFrame.PageSize) throw new ArgumentException("destination must hold a page", nameof(destination));
        var group = Group(page);
        List<SegmentState> candidates;
        Lsn at;
        lock (_gate)
        {
            at = readPoint ?? _vdl;
            candidates = [.. group.Segments.Values.OrderByDescending(s => s.Reachable && s.Scl >= at).ThenBy(s => s.ReadLatencyMs)];
        }
        var body = new byte[ReadPageRequest.Size];
        new ReadPageRequest(SegmentOf(group), page, at).Write(body);
        var failures = new List<string>();
        foreach (var segment in candidates)
        {
            var started = Stopwatch.GetTimestamp();
            using var reply = await segment.Channel.SendAsync(StorageMessageType.ReadPage, body, _options.ReadTimeout, cancellationToken).ConfigureAwait(false);
            if (reply.IsOk && PageFrame.Verify(reply.Payload.Span) && PageFrame.GetPageId(reply.Payload.Span) == page)
            {
                reply.Payload.CopyTo(destination);
                lock (_gate) segment.ReadLatencyMs = segment.ReadLatencyMs * 0.8 + Stopwatch.GetElapsedTime(started).TotalMilliseconds * 0.2;
                return;
            }
            lock (_gate)
            {
                if (reply.Status == ReplyStatus.Unreachable) segment.Reachable = false;
                segment.ReadLatencyMs += 10;
            }
            failures.Add($"{segment.Address}: {(reply.IsOk ? "page failed its checks" : reply.ToString())}");
        }
        throw new VolumeUnavailableException($"page {page} at read point {at}: no segment of group {group.Id} could serve it ({string.Join("; ", failures)})");
    }
}
