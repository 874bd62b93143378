using Borealis.Common;

namespace Borealis.Volume.Quorum;

/// <summary>
/// Aurora's quorums over 6 segments (2 in each of 3 zones): a write is durable on 4 of 6, a
/// recovery reads 3 of 6, so every read quorum meets every write quorum and a whole zone plus
/// one more node can fail without losing data.
/// </summary>
public static class QuorumPolicy
{
    public const int Copies = 6;
    public const int WriteQuorum = 4;
    public const int ReadQuorum = 3;

    /// <summary>
    /// The highest LSN held by a write quorum of <paramref name="members"/>: the 4th largest SCL
    /// (SCLs of members never heard from count as zero).
    /// </summary>
    public static Lsn QuorumPoint(IReadOnlyList<NodeAddress> members, Func<NodeAddress, Lsn> scl)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(scl);
        var quorum = WriteQuorumOf(members.Count);
        Span<ulong> values = stackalloc ulong[members.Count];
        for (var i = 0; i < members.Count; i++) values[i] = scl(members[i]).Value;
        values.Sort();
        return new Lsn(values[^quorum]);
    }

    /// <summary>Write quorum for a group of this size: 4 of 6; a majority for other sizes (tests, small fleets).</summary>
    public static int WriteQuorumOf(int members) => members == Copies ? WriteQuorum : members / 2 + 1;

    /// <summary>Read quorum for a group of this size: 3 of 6; the complement of a write quorum otherwise.</summary>
    public static int ReadQuorumOf(int members) => members - WriteQuorumOf(members) + 1;

    /// <summary>
    /// The durable point of a group, given its membership: during a transition a record counts
    /// only once both the old and the new set hold it at write quorum.
    /// </summary>
    public static Lsn DurablePoint(IReadOnlyList<NodeAddress> current, IReadOnlyList<NodeAddress>? next, Func<NodeAddress, Lsn> scl)
    {
        var point = QuorumPoint(current, scl);
        return next is null ? point : Lsn.Min(point, QuorumPoint(next, scl));
    }

    /// <summary>Checks a placement: 6 distinct nodes, 2 in each of 3 zones.</summary>
    public static string? PlacementProblem(IReadOnlyList<NodeAddress> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count != Copies) return $"a protection group needs {Copies} segments, got {members.Count}";
        if (members.Select(m => (m.Host, m.Port)).Distinct().Count() != Copies) return "the segments of a protection group must be on distinct nodes";
        var zones = members.GroupBy(m => m.Zone).ToList();
        if (zones.Count != 3 || zones.Any(z => z.Count() != 2)) return "a protection group needs 2 segments in each of 3 zones";
        return null;
    }
}
