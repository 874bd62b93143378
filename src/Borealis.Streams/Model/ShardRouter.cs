using System.Globalization;
using System.Runtime.CompilerServices;
using Borealis.Streams.Catalog;

namespace Borealis.Streams.Model;

/// <summary>
/// Finds the open shard that owns a hash key by binary search over the shards' ranges, parsed
/// once per stream definition (the catalog keeps them as the decimal strings Kinesis shows), so a
/// put routes each record without parsing or allocating. Definitions are immutable: a change to
/// the stream makes a new one, and with it a new router.
/// </summary>
public sealed class ShardRouter
{
    private static readonly ConditionalWeakTable<StreamDefinition, ShardRouter> Routers = [];
    private readonly UInt128[] _starts;
    private readonly UInt128[] _ends;
    private readonly ShardDefinition[] _shards;

    private ShardRouter(StreamDefinition stream)
    {
        _shards = [.. stream.Shards.Where(s => s.IsOpen).OrderBy(s => UInt128.Parse(s.StartingHashKey, CultureInfo.InvariantCulture))];
        _starts = [.. _shards.Select(s => UInt128.Parse(s.StartingHashKey, CultureInfo.InvariantCulture))];
        _ends = [.. _shards.Select(s => UInt128.Parse(s.EndingHashKey, CultureInfo.InvariantCulture))];
    }

    public static ShardRouter For(StreamDefinition stream) => Routers.GetValue(stream, s => new ShardRouter(s));

    public ShardDefinition Route(UInt128 hashKey)
    {
        var at = Array.BinarySearch(_starts, hashKey);
        if (at < 0) at = ~at - 1;
        if (at < 0 || hashKey > _ends[at]) throw new InvalidOperationException($"no open shard owns hash key {hashKey}");
        return _shards[at];
    }
}
