namespace Borealis.Streams.Storage;

/// <summary>The durable end of a shard's log as readers see it: nothing at or beyond <see cref="Position"/> is acknowledged yet.</summary>
public readonly record struct ShardTail(ulong Position, ulong RecordCount, long LastArrivalUnixMs);
