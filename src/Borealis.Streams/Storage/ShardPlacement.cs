using Borealis.Common;

namespace Borealis.Streams.Storage;

/// <summary>
/// Picks a shard's three copies: one node in each zone, so a shard survives the loss of a zone
/// and stays writable with 2 of 3. Successive shards take successive nodes of each zone, which
/// spreads shards evenly over the fleet.
/// </summary>
public static class ShardPlacement
{
    public const int Copies = 3;

    public static IReadOnlyList<NodeAddress> Choose(IReadOnlyList<NodeAddress> fleet, ulong shardNumber)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        var zones = fleet.GroupBy(n => n.Zone).OrderBy(z => z.Key, StringComparer.Ordinal).Select(z => z.ToList()).ToList();
        if (zones.Count < Copies) throw new InvalidOperationException($"a shard needs nodes in {Copies} zones; the fleet has {zones.Count}");
        return [.. zones.Take(Copies).Select(z => z[(int)(shardNumber % (ulong)z.Count)])];
    }
}
