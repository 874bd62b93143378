namespace Borealis.Streams.Catalog;

/// <summary>A stream as the catalog keeps it. Persisted as JSON (see <see cref="StreamCatalog"/>): rename nothing.</summary>
public sealed record StreamDefinition(string Name, string Status, string Mode, int RetentionPeriodHours, long CreatedUnixMs, IReadOnlyList<ShardDefinition> Shards);

/// <summary>A shard: its index, the volume holding its log and the hash keys it owns (decimal strings, as Kinesis writes them).</summary>
public sealed record ShardDefinition(int Index, ulong Volume, string StartingHashKey, string EndingHashKey);
