using Borealis.Streams.Throughput;
using Borealis.Volume;

namespace Borealis.Streams;

/// <summary>Tunables of Borealis Streams; the defaults suit the embedded default, tests shorten the timeouts.</summary>
public sealed record StreamsOptions
{
    /// <summary>Size of a shard's one protection group: how much log a shard can hold (sparse on disk).</summary>
    public long ShardSegmentBytes { get; init; } = 10L * 1024 * 1024 * 1024;
    public VolumeOptions Volume { get; init; } = new();
    /// <summary>Kinesis's default shard quota is per account; this one is per stream and guards the fleet's memory (one volume writer per shard).</summary>
    public int MaxShardsPerStream { get; init; } = 64;
    /// <summary>Open shards over all streams (DescribeLimits' ShardLimit); Kinesis's default account quota in large regions.</summary>
    public int MaxShards { get; init; } = 500;
    /// <summary>ON_DEMAND streams at once (DescribeLimits' OnDemandStreamCountLimit), Kinesis's default.</summary>
    public int MaxOnDemandStreams { get; init; } = 50;
    /// <summary>The time every arrival, expiry and retention cut-off is read from; tests move it forward.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
    /// <summary>How often records past retention are trimmed (real time, not <see cref="Clock"/>); zero: only when <see cref="StreamsService.TrimExpiredAsync"/> is called.</summary>
    public TimeSpan TrimInterval { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary>
    /// Per-shard rate limits as Kinesis's (ProvisionedThroughputExceededException); null, the
    /// default, leaves shards unlimited. <c>borealis up</c> turns them on with the environment
    /// variable <c>BOREALIS_KINESIS_SHARD_LIMITS=1</c> (see <see cref="StreamsHost"/>).
    /// </summary>
    public ShardThroughputLimits? ShardThroughput { get; init; }
    /// <summary>How long a SubscribeToShard stream lasts before the server ends it: 5 minutes, as in Kinesis; tests shorten it.</summary>
    public TimeSpan SubscriptionLifetime { get; init; } = TimeSpan.FromMinutes(5);
}
