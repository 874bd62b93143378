using Borealis.Common;
using Borealis.Volume.Quorum;
using CsCheck;

namespace Borealis.Volume.Tests.Quorum;

public class QuorumPolicyTests
{
    private static NodeAddress Node(int i, string zone = "") => new($"n{i}", 1000 + i, zone);

    private static NodeAddress[] Nodes(int n, int from = 0) => [.. Enumerable.Range(from, n).Select(i => Node(i))];

    private static Func<NodeAddress, Lsn> Scls(NodeAddress[] nodes, ulong[] values)
    {
        var map = nodes.Select((n, i) => (n, v: values[i])).ToDictionary(t => t.n, t => new Lsn(t.v));
        return n => map.GetValueOrDefault(n, Lsn.Zero);
    }

    [Fact]
    public void QuorumPoint_is_the_4th_largest_of_6() =>
        Gen.ULong[0, 20].Array[6].Sample(values =>
        {
            var nodes = Nodes(6);
            var model = values.OrderDescending().ElementAt(3); // the largest LSN that 4 of the 6 hold
            return QuorumPolicy.QuorumPoint(nodes, Scls(nodes, values)) == new Lsn(model)
                && values.Count(v => v >= model) >= 4;
        }, iter: 500);

    [Fact]
    public void QuorumPoint_is_held_by_a_majority_for_other_sizes() =>
        Gen.Int[1, 9].SelectMany(n => Gen.ULong[0, 20].Array[n]).Sample(values =>
        {
            var nodes = Nodes(values.Length);
            var w = QuorumPolicy.WriteQuorumOf(values.Length);
            return QuorumPolicy.QuorumPoint(nodes, Scls(nodes, values)) == new Lsn(values.OrderDescending().ElementAt(w - 1));
        }, iter: 500);

    [Fact]
    public void Members_never_heard_from_count_as_zero()
    {
        var nodes = Nodes(6);
        var scl = Scls(nodes[..3], [10, 10, 10]);
        Assert.Equal(Lsn.Zero, QuorumPolicy.QuorumPoint(nodes, scl));
        Assert.Equal(new Lsn(10), QuorumPolicy.QuorumPoint(nodes, Scls(nodes[..4], [10, 11, 12, 13])));
    }

    [Fact]
    public void DurablePoint_during_a_transition_is_the_min_of_both_sets() =>
        Gen.Select(Gen.ULong[0, 30].Array[9], Gen.Int[0, 6]).Sample((values, overlap) =>
        {
            // old = n0..n5, new shares `overlap` nodes with it and adds fresh ones.
            var all = Nodes(12);
            var current = all[..6];
            var next = all[(6 - overlap)..(12 - overlap)];
            var scl = Scls(all[..9], values);
            var a = QuorumPolicy.QuorumPoint(current, scl);
            var b = QuorumPolicy.QuorumPoint(next, scl);
            return QuorumPolicy.DurablePoint(current, next, scl) == Lsn.Min(a, b)
                && QuorumPolicy.DurablePoint(current, null, scl) == a;
        }, iter: 500);

    [Fact]
    public void Read_and_write_quorums_intersect()
    {
        for (var n = 1; n <= 9; n++)
        {
            var w = QuorumPolicy.WriteQuorumOf(n);
            var r = QuorumPolicy.ReadQuorumOf(n);
            Assert.True(r + w > n, $"n={n}: r={r} w={w}");
            Assert.True(2 * w > n, $"n={n}: two write quorums must intersect (w={w})");
            Assert.InRange(r, 1, n);
            Assert.InRange(w, 1, n);
        }
        Assert.Equal((4, 3), (QuorumPolicy.WriteQuorumOf(6), QuorumPolicy.ReadQuorumOf(6)));
        Assert.Equal((1, 1), (QuorumPolicy.WriteQuorumOf(1), QuorumPolicy.ReadQuorumOf(1)));
        Assert.Equal((2, 2), (QuorumPolicy.WriteQuorumOf(3), QuorumPolicy.ReadQuorumOf(3)));
    }

    [Fact]
    public void PlacementProblem_accepts_2_2_2()
    {
        NodeAddress[] members = [Node(0, "a"), Node(1, "a"), Node(2, "b"), Node(3, "b"), Node(4, "c"), Node(5, "c")];
        Assert.Null(QuorumPolicy.PlacementProblem(members));
        Assert.Null(QuorumPolicy.PlacementProblem([.. members.Reverse()]));
    }

    [Fact]
    public void PlacementProblem_rejects_other_placements()
    {
        NodeAddress[] Zones(params string[] zones) => [.. zones.Select((z, i) => Node(i, z))];
        Assert.NotNull(QuorumPolicy.PlacementProblem(Zones("a", "a", "b", "b", "c")));                // 5 copies
        Assert.NotNull(QuorumPolicy.PlacementProblem(Zones("a", "a", "b", "b", "c", "c", "c")));      // 7 copies
        Assert.NotNull(QuorumPolicy.PlacementProblem(Zones("a", "a", "a", "b", "b", "c")));           // 3-2-1
        Assert.NotNull(QuorumPolicy.PlacementProblem(Zones("a", "a", "a", "b", "b", "b")));           // two zones
        Assert.NotNull(QuorumPolicy.PlacementProblem(Zones("a", "a", "b", "b", "c", "d")));           // four zones
        Assert.NotNull(QuorumPolicy.PlacementProblem(Zones("a", "b", "c", "d", "e", "f")));
        Assert.NotNull(QuorumPolicy.PlacementProblem([]));
        NodeAddress[] sameNode = [Node(0, "a"), Node(0, "a"), Node(2, "b"), Node(3, "b"), Node(4, "c"), Node(5, "c")];
        Assert.NotNull(QuorumPolicy.PlacementProblem(sameNode));
        NodeAddress[] sameNodeOtherZone = [Node(0, "a"), Node(1, "a"), Node(2, "b"), Node(3, "b"), Node(4, "c"), Node(0, "c")];
        Assert.NotNull(QuorumPolicy.PlacementProblem(sameNodeOtherZone));
    }

    [Fact]
    public void PlacementProblem_accepts_exactly_the_2_2_2_zone_assignments() =>
        Gen.Int[0, 3].Array[6].Sample(zones =>
        {
            var members = zones.Select((z, i) => Node(i, "z" + z)).ToArray();
            var counts = zones.GroupBy(z => z).Select(g => g.Count()).ToList();
            var ok = counts.Count == 3 && counts.All(c => c == 2);
            return (QuorumPolicy.PlacementProblem(members) is null) == ok;
        }, iter: 500);
}
