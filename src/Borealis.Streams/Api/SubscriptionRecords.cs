using System.Text.Json;
using Borealis.Streams.Model;
using Borealis.Streams.Storage;

namespace Borealis.Streams.Api;

/// <summary>
/// Writes the records a read finds into a SubscribeToShardEvent's Records, as GetRecords does, and
/// remembers the last one for ContinuationSequenceNumber. One per subscription, reused by every event.
/// </summary>
internal sealed class SubscriptionRecords(ShardId shard) : IRecordSink
{
    public Utf8JsonWriter? Writer { get; set; }

    /// <summary>The position of the last record delivered by this subscription, if any.</summary>
    public ulong? LastPosition { get; private set; }

    public void Accept(ulong position, long arrivalUnixMs, ReadOnlySpan<byte> partitionKeyUtf8, ReadOnlySpan<byte> data)
    {
        new GetRecordsWriter(Writer!, shard).Accept(position, arrivalUnixMs, partitionKeyUtf8, data);
        LastPosition = position;
    }
}
