namespace Borealis.Streams.Throughput;

/// <summary>
/// Per-shard rates as Kinesis enforces them on a provisioned shard
/// (https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html): in, 1 MiB/s
/// or 1,000 records/s; out, 2 MiB/s and 5 GetRecords calls/s. Each bucket holds one second's
/// worth, so a burst of that much passes at once, as it does in Kinesis.
/// </summary>
public sealed record ShardThroughputLimits
{
    public static ShardThroughputLimits Aws { get; } = new();

    public long InBytesPerSecond { get; init; } = 1024 * 1024;
    public int InRecordsPerSecond { get; init; } = 1000;
    public long OutBytesPerSecond { get; init; } = 2 * 1024 * 1024;
    public int GetRecordsCallsPerSecond { get; init; } = 5;
}
