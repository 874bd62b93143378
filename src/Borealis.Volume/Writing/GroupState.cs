using Borealis.Common;
using Borealis.Volume.Metadata;
using Borealis.Volume.Quorum;

namespace Borealis.Volume.Writing;

/// <summary>The writer's view of one protection group: its members, their progress and the records not yet sent.</summary>
internal sealed class GroupState(ProtectionGroupId id, PgMembership membership, Dictionary<NodeAddress, SegmentState> segments)
{
    private readonly Dictionary<NodeAddress, SegmentState> _segments = segments;

    public ProtectionGroupId Id { get; } = id;
    public PgMembership Membership { get; set; } = membership;
    /// <summary>Every segment the group writes to: the current set plus, during a transition, the next. Changed under the volume's gate.</summary>
    public IReadOnlyDictionary<NodeAddress, SegmentState> Segments => _segments;
    /// <summary>The same segments as an array that is replaced, never changed: safe to walk outside the gate (sending a round).</summary>
    public SegmentState[] Snapshot { get; private set; } = [.. segments.Values];

    public void Add(SegmentState segment)
    {
        _segments[segment.Address] = segment;
        Snapshot = [.. _segments.Values];
    }

    public void Remove(NodeAddress address)
    {
        _segments.Remove(address);
        Snapshot = [.. _segments.Values];
    }
    public BatchBuffer Pending { get; set; } = new();
    /// <summary>End of the LSN range already cut into batches for this group.</summary>
    public Lsn SentThrough { get; set; }

    public IEnumerable<NodeAddress> Targets => Membership.Next is null ? Membership.Current : Membership.Current.Union(Membership.Next);

    public Lsn DurablePoint() => QuorumPolicy.DurablePoint(Membership.Current, Membership.Next, a => Segments.TryGetValue(a, out var s) ? s.Scl : Lsn.Zero);

    public int ReachableCount(IReadOnlyList<NodeAddress> set) => set.Count(a => Segments.TryGetValue(a, out var s) && s.Reachable);
}
