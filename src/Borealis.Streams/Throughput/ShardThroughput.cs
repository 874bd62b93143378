namespace Borealis.Streams.Throughput;

/// <summary>
/// One shard's throughput account when limits are on (<see cref="StreamsOptions.ShardThroughput"/>):
/// puts draw bytes and records, GetRecords draws a call before it reads and the bytes it returned
/// after (a big read leaves a debt that blocks the next calls until it is paid, as Kinesis throttles
/// after a 10 MiB read). Time is the clock's monotonic timestamp, not its wall time, so moving a
/// test clock forward to expire iterators does not refill the buckets.
/// </summary>
public sealed class ShardThroughput(ShardThroughputLimits limits, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private TokenBucket _inBytes = new(limits.InBytesPerSecond);
    private TokenBucket _inRecords = new(limits.InRecordsPerSecond);
    private TokenBucket _outBytes = new(limits.OutBytesPerSecond);
    private TokenBucket _calls = new(limits.GetRecordsCallsPerSecond);

    /// <summary>Admits one record of <paramref name="bytes"/> (data and partition key, as Kinesis counts them) if both in-buckets allow it; a refused record takes nothing.</summary>
    public bool TryAdmitPut(int bytes)
    {
        var now = clock.GetTimestamp();
        lock (_gate)
        {
            _inBytes.Refill(now, clock.TimestampFrequency);
            _inRecords.Refill(now, clock.TimestampFrequency);
            if (_inRecords.Tokens < 1 || _inBytes.Tokens < bytes) return false;
            _inRecords.Charge(1);
            _inBytes.Charge(bytes);
            return true;
        }
    }

    /// <summary>Admits a GetRecords call unless the shard is over 5 calls/s or still paying for bytes read.</summary>
    public bool TryStartRead()
    {
        var now = clock.GetTimestamp();
        lock (_gate)
        {
            _calls.Refill(now, clock.TimestampFrequency);
            _outBytes.Refill(now, clock.TimestampFrequency);
            return _outBytes.Tokens >= 0 && _calls.TryTake(1);
        }
    }

    /// <summary>Charges the bytes a GetRecords call returned.</summary>
    public void ChargeRead(long bytes)
    {
        lock (_gate) _outBytes.Charge(bytes);
    }
}
