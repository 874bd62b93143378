using Borealis.Common;
using Borealis.Redo;
using Borealis.Redo.Wire;
using Borealis.Volume.Metadata;
using Borealis.Volume.Quorum;
using Borealis.Volume.Writing;
using Microsoft.Extensions.Logging;

namespace Borealis.Volume;

public sealed partial class Volume
{
    /// <summary>Creates a volume in the metadata (segments are created on first open) and opens it.</summary>
    public static async Task<Volume> CreateAsync(VolumeGeometry geometry, IClusterMetadata metadata, IStorageTransport transport, VolumeOptions options, ILogger log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(metadata);
        if (geometry.SegmentBytes % PageFrame.PageSize != 0) throw new ArgumentException("segment size must be a whole number of pages", nameof(geometry));
        foreach (var g in geometry.Groups)
            if (QuorumPolicy.PlacementProblem(g.Current) is { } problem && g.Current.Count == QuorumPolicy.Copies) throw new ArgumentException(problem, nameof(geometry));
        await metadata.CreateVolumeAsync(geometry, cancellationToken).ConfigureAwait(false);
        return await OpenAsync(geometry.Volume, metadata, transport, options, log, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens a volume as its writer, after a clean stop or a crash alike: takes a new epoch
    /// (fencing any older writer), reads a read quorum of every group to find the highest point
    /// complete everywhere, truncates what lies above it on every segment, and opens. No redo
    /// is replayed: the segments hold it and materialize pages themselves.
    /// </summary>
    public static async Task<Volume> OpenAsync(VolumeId id, IClusterMetadata metadata, IStorageTransport transport, VolumeOptions options, ILogger log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var geometry = await metadata.GetVolumeAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"volume {id} does not exist");
        var epoch = await metadata.BumpEpochAsync(id, cancellationToken).ConfigureAwait(false);
        var volume = new Volume(geometry with { Epoch = epoch }, epoch, metadata, transport, options, log);
        try
        {
            await volume.RecoverAsync(cancellationToken).ConfigureAwait(false);
            volume.Start();
            return volume;
        }
        catch
        {
            await volume.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RecoveryTimeout);
        var ct = timeout.Token;
        var fence = new Truncation(Epoch, Lsn.Max);

        // 1. Make sure every segment exists and takes the new epoch: from here on no older
        //    writer can reach a write quorum.
        await ForEachSegmentAsync(async (g, s) =>
        {
            using var opened = await s.Channel.SendAsync(StorageMessageType.OpenSegment,
                new OpenSegmentRequest(SegmentOf(g), Epoch, _pagesPerGroup, g.Targets.ToList()).ToArray(), _options.SendTimeout, ct).ConfigureAwait(false);
            if (!opened.IsOk) return opened.ToString();
            using var fenced = await s.Channel.SendAsync(StorageMessageType.Truncate, new TruncateRequest(SegmentOf(g), TruncationHistory.Empty.Add(fence)).ToArray(), _options.SendTimeout, ct).ConfigureAwait(false);
            return fenced.IsOk ? null : fenced.ToString();
        }, QuorumPolicy.ReadQuorumOf, "fence the previous writer").ConfigureAwait(false);

        // 2. Learn every earlier writer's truncations from a read quorum.
        var history = TruncationHistory.Empty.Add(fence);
        var statusGate = new object();
        await ForEachSegmentAsync(async (g, s) =>
        {
            var body = new byte[SegmentAddress.Size];
            new SegmentAddress(SegmentOf(g)).Write(body);
            using var reply = await s.Channel.SendAsync(StorageMessageType.Status, body, _options.SendTimeout, ct).ConfigureAwait(false);
            if (!reply.IsOk || !SegmentStatus.TryRead(reply.Payload.Span, out var status)) return reply.ToString();
            lock (statusGate) history = history.Merge(status.History);
            return null;
        }, QuorumPolicy.ReadQuorumOf, "read the truncation history").ConfigureAwait(false);

        // 3. With the whole history applied, each segment's SCL is trustworthy: the highest SCL
        //    of a read quorum covers everything any write quorum acknowledged.
        var scls = new Dictionary<(uint Group, NodeAddress Node), Lsn>();
        await ForEachSegmentAsync(async (g, s) =>
        {
            using var reply = await s.Channel.SendAsync(StorageMessageType.Truncate, new TruncateRequest(SegmentOf(g), history).ToArray(), _options.SendTimeout, ct).ConfigureAwait(false);
            if (!reply.IsOk) return reply.ToString();
            lock (statusGate) scls[(g.Id.Value, s.Address)] = reply.Scl;
            return null;
        }, QuorumPolicy.ReadQuorumOf, "read the segments' complete points").ConfigureAwait(false);
        var keep = Lsn.Max;
        foreach (var g in _groups)
        {
            var highest = scls.Where(kv => kv.Key.Group == g.Id.Value).Select(kv => kv.Value).DefaultIfEmpty(Lsn.Zero).Max();
            keep = Lsn.Min(keep, highest);
        }

        // 4. Truncate above that point everywhere, under the new epoch, on a write quorum.
        var final = history.Merge(TruncationHistory.Empty.Add(new Truncation(Epoch, keep)));
        await ForEachSegmentAsync(async (g, s) =>
        {
            using var reply = await s.Channel.SendAsync(StorageMessageType.Truncate, new TruncateRequest(SegmentOf(g), final).ToArray(), _options.SendTimeout, ct).ConfigureAwait(false);
            if (!reply.IsOk) return reply.ToString();
            lock (_gate)
            {
                s.Reachable = true;
                s.Scl = reply.Scl;
            }
            return null;
        }, QuorumPolicy.WriteQuorumOf, "truncate above the recovered point").ConfigureAwait(false);

        lock (_gate)
        {
            _history = final;
            _nextLsn = _cutThrough = keep;
            foreach (var g in _groups) g.SentThrough = keep;
        }

        // 5. Open once a write quorum of every group holds everything up to that point (the
        //    segments that lack some of it pull it from their peers by gossip).
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            lock (_gate)
                if (_groups.All(g => g.DurablePoint() >= keep)) break;
            await Task.Delay(20, ct).ConfigureAwait(false);
            await ForEachSegmentAsync(async (g, s) =>
            {
                await RefreshAsync(g, s, ct).ConfigureAwait(false);
                return null;
            }, _ => 0, "poll").ConfigureAwait(false);
        }
        lock (_gate) _vdl = keep;
        _log.LogInformation("volume {Volume} open as writer at epoch {Epoch}: VDL {Vdl}", Id, Epoch, keep);
    }

    /// <summary>
    /// Runs a step on every segment of every group at once; each step returns null on success
    /// or why it failed. Throws unless each set of each group has <paramref name="needed"/> successes.
    /// </summary>
    private async Task ForEachSegmentAsync(Func<GroupState, SegmentState, Task<string?>> step, Func<int, int> needed, string what)
    {
        var work = _groups.SelectMany(g => g.Snapshot.Select(s => (Group: g, Segment: s))).ToList();
        var outcomes = await Task.WhenAll(work.Select(async w => (w.Group, w.Segment.Address, Error: await step(w.Group, w.Segment).ConfigureAwait(false)))).ConfigureAwait(false);
        foreach (var g in _groups)
        {
            foreach (var set in g.Membership.Next is null ? [g.Membership.Current] : new[] { g.Membership.Current, g.Membership.Next })
            {
                var ok = outcomes.Count(o => o.Group == g && o.Error is null && set.Contains(o.Address));
                if (ok >= needed(set.Count)) continue;
                var errors = string.Join("; ", outcomes.Where(o => o.Group == g && o.Error is not null).Select(o => $"{o.Address}: {o.Error}"));
                if (outcomes.Any(o => o.Group == g && o.Error is not null && o.Error.StartsWith(nameof(ReplyStatus.StaleEpoch), StringComparison.Ordinal)))
                    throw new VolumeFencedException($"cannot {what} for volume {Id} group {g.Id}: a newer writer holds it ({errors})");
                throw new VolumeUnavailableException($"cannot {what} for volume {Id} group {g.Id}: {ok} of {set.Count} segments answered, {needed(set.Count)} needed ({errors})");
            }
        }
    }
}
