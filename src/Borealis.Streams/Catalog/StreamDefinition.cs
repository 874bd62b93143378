using System.Text.Json.Serialization;

namespace Borealis.Streams.Catalog;

/// <summary>A stream as the catalog keeps it. Persisted as JSON (see <see cref="StreamCatalog"/>): rename nothing.</summary>
public sealed record StreamDefinition(string Name, string Status, string Mode, int RetentionPeriodHours, long CreatedUnixMs, IReadOnlyList<ShardDefinition> Shards)
{
    /// <summary>The stream's tags, key to value (AddTagsToStream, CreateStream's Tags); absent in catalogs written before tags.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>The next shard index to give (resharding makes new shards; indexes are never reused). 0 in catalogs written before resharding: then the shard count.</summary>
    public int NextShardIndex { get; init; }

    /// <summary>Enhanced fan-out consumers, in the order they were registered; absent in catalogs written before consumers.</summary>
    public IReadOnlyList<ConsumerDefinition>? Consumers { get; init; }

    [JsonIgnore]
    public IEnumerable<ShardDefinition> OpenShards => Shards.Where(s => s.IsOpen);
}

/// <summary>
/// A shard: its index, the volume holding its log and the hash keys it owns (decimal strings, as
/// Kinesis writes them); after resharding, its parents, and once closed the log position where it
/// ended (nothing is appended at or after it).
/// </summary>
public sealed record ShardDefinition(int Index, ulong Volume, string StartingHashKey, string EndingHashKey)
{
    public int? ParentIndex { get; init; }
    public int? AdjacentParentIndex { get; init; }
    /// <summary>The log's end when the shard was closed by resharding; null while it is open.</summary>
    public ulong? EndPosition { get; init; }
    /// <summary>When the shard was made (Unix ms); 0 for the shards a stream was created with (they date from the stream).</summary>
    public long CreatedUnixMs { get; init; }
    /// <summary>When resharding closed it (Unix ms); 0 while open.</summary>
    public long ClosedUnixMs { get; init; }

    /// <summary>
    /// Volume 0: a shard resharding made and closed in the same step (the in-between shards of
    /// UpdateShardCount). It never held a record, so it has no volume; it is there for the lineage.
    /// </summary>
    [JsonIgnore]
    public bool HasVolume => Volume != 0;

    [JsonIgnore]
    public bool IsOpen => EndPosition is null;

    [JsonIgnore]
    public IEnumerable<int> Parents => new[] { ParentIndex, AdjacentParentIndex }.OfType<int>();
}
