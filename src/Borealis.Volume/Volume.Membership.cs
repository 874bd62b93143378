using Borealis.Common;
using Borealis.Redo.Wire;
using Borealis.Volume.Metadata;
using Borealis.Volume.Quorum;
using Borealis.Volume.Writing;
using Microsoft.Extensions.Logging;

namespace Borealis.Volume;

public sealed partial class Volume
{
    /// <summary>
    /// Replaces segments of a group (dead or moving) through quorum sets: the new set is
    /// recorded next to the old one, writes must satisfy both, the new segments repair
    /// themselves from their peers, and once a write quorum of the new set holds everything the
    /// old set could have acknowledged, the new set becomes the group and the old segments are
    /// dropped. When the old set has lost its write quorum (a zone and one more node), writes
    /// stall until this completes, then resume.
    /// </summary>
    public async Task ReplaceSegmentsAsync(ProtectionGroupId groupId, IReadOnlyDictionary<NodeAddress, NodeAddress> replacements, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replacements);
        if (groupId.Value >= (uint)_groups.Length) throw new ArgumentOutOfRangeException(nameof(groupId));
        var group = _groups[groupId.Value];
        PgMembership before;
        lock (_gate)
        {
            before = group.Membership;
            if (before.Next is not null) throw new InvalidOperationException($"group {groupId} is already changing membership");
        }
        foreach (var old in replacements.Keys)
            if (!before.Current.Contains(old)) throw new ArgumentException($"{old} is not a member of group {groupId}", nameof(replacements));
        var next = before.Current.Select(a => replacements.TryGetValue(a, out var r) ? r : a).ToList();
        if (QuorumPolicy.PlacementProblem(next) is { } problem && next.Count == QuorumPolicy.Copies) throw new ArgumentException(problem, nameof(replacements));

        var (applied, transition) = await _metadata.SetMembershipAsync(Id, groupId, before.Version, before.Current, next, cancellationToken).ConfigureAwait(false);
        if (!applied) throw new InvalidOperationException($"group {groupId} membership changed concurrently (version {transition.Version})");
        Lsn target;
        lock (_gate)
        {
            foreach (var added in replacements.Values)
                if (!group.Segments.ContainsKey(added)) group.Add(new SegmentState(added, _transport.Open(added)));
            group.Membership = transition;
            // Everything the old set may have acknowledged is at or below the highest SCL it reported.
            target = Lsn.MaxOf(_vdl, before.Current.Select(a => group.Segments[a].Scl).Max());
        }
        _log.LogWarning("volume {Volume} group {Group}: replacing {Old} with {New}; new segments repair to {Target}", Id, groupId,
            string.Join(",", replacements.Keys), string.Join(",", replacements.Values), target);
        await AnnounceMembersAsync(group, transition.Current.Union(next).ToList(), cancellationToken).ConfigureAwait(false);

        var deadline = DateTime.UtcNow + _options.RecoveryTimeout * 4;
        while (true)
        {
            lock (_gate)
                if (QuorumPolicy.QuorumPoint(next, a => group.Segments.TryGetValue(a, out var s) ? s.Scl : Lsn.Zero) >= target) break;
            if (DateTime.UtcNow > deadline) throw new VolumeUnavailableException($"the new segments of group {groupId} did not catch up to {target} in time; the transition stays recorded and can be retried");
            await PollAsync(group, next, cancellationToken).ConfigureAwait(false);
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        var (committed, after) = await _metadata.SetMembershipAsync(Id, groupId, transition.Version, next, null, cancellationToken).ConfigureAwait(false);
        if (!committed) throw new InvalidOperationException($"group {groupId} membership changed concurrently (version {after.Version})");
        List<SegmentState> dropped;
        bool more;
        lock (_gate)
        {
            group.Membership = after;
            dropped = [.. group.Segments.Values.Where(s => !next.Contains(s.Address))];
            foreach (var s in dropped) group.Remove(s.Address);
            AdvanceVdl();
            more = HasUnsent();
        }
        if (more) SendFromCompletion();
        await AnnounceMembersAsync(group, next, cancellationToken).ConfigureAwait(false);
        foreach (var s in dropped)
        {
            var body = new byte[SegmentAddress.Size + 8];
            new SegmentAddress(SegmentOf(group)).Write(body);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(body.AsSpan(SegmentAddress.Size), Epoch.Value);
            using var reply = await s.Channel.SendAsync(StorageMessageType.DropSegment, body, TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            await s.Channel.DisposeAsync().ConfigureAwait(false);
        }
        _log.LogWarning("volume {Volume} group {Group}: membership is now {Members} (version {Version})", Id, groupId, string.Join(",", next), after.Version);
    }

    /// <summary>Tells every segment of a group who its peers are (and creates the new ones), then brings them to this epoch.</summary>
    private async Task AnnounceMembersAsync(GroupState group, List<NodeAddress> members, CancellationToken cancellationToken)
    {
        List<SegmentState> targets;
        Redo.TruncationHistory history;
        lock (_gate)
        {
            targets = [.. group.Segments.Values.Where(s => members.Contains(s.Address))];
            history = _history;
        }
        var open = new OpenSegmentRequest(SegmentOf(group), Epoch, _pagesPerGroup, members).ToArray();
        var truncate = new TruncateRequest(SegmentOf(group), history).ToArray();
        await Task.WhenAll(targets.Select(async s =>
        {
            using var opened = await s.Channel.SendAsync(StorageMessageType.OpenSegment, open, _options.SendTimeout, cancellationToken).ConfigureAwait(false);
            using var truncated = await s.Channel.SendAsync(StorageMessageType.Truncate, truncate, _options.SendTimeout, cancellationToken).ConfigureAwait(false);
            lock (_gate) Observe(group, s, truncated);
        })).ConfigureAwait(false);
    }

    private async Task PollAsync(GroupState group, List<NodeAddress> members, CancellationToken cancellationToken)
    {
        List<SegmentState> targets;
        lock (_gate) targets = [.. group.Segments.Values.Where(s => members.Contains(s.Address))];
        await Task.WhenAll(targets.Select(s => RefreshAsync(group, s, cancellationToken))).ConfigureAwait(false);
    }
}
