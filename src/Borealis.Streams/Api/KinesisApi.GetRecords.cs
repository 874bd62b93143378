using System.Globalization;
using System.Text.Json;
using Borealis.Streams.Iterators;
using Borealis.Streams.Model;

namespace Borealis.Streams.Api;

public sealed partial class KinesisApi
{
    public const int MaxGetRecords = 10_000;
    public const long MaxGetBytes = 10L * 1024 * 1024;

    private static void WriteChildShards(Utf8JsonWriter w, Catalog.StreamDefinition stream, Catalog.ShardDefinition parent)
    {
        w.WriteStartArray("ChildShards"u8);
        foreach (var child in stream.Shards.Where(s => s.Parents.Contains(parent.Index)))
        {
            w.WriteStartObject();
            w.WriteString("ShardId"u8, new ShardId(child.Index).ToString());
            w.WriteStartArray("ParentShards"u8);
            foreach (var p in child.Parents) w.WriteStringValue(new ShardId(p).ToString());
            w.WriteEndArray();
            WriteHashKeyRange(w, child);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>
    /// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetRecords.html — reads the
    /// shard's pages at VDL from the iterator's position, up to Limit records or 10 MiB, and hands
    /// back an iterator for where it stopped. MillisBehindLatest is how much older the last record
    /// returned is than the newest in the shard (0 once the reader is at the tip). At the end of a
    /// shard resharding closed, there is no NextShardIterator and ChildShards names the children.
    /// </summary>
    private async Task GetRecordsAsync(RequestArgs args, Utf8JsonWriter w, CancellationToken cancellationToken)
    {
        var token = args.RequiredString("ShardIterator", 1, 512);
        var limit = args.Int("Limit", 1, MaxGetRecords) ?? MaxGetRecords;
        if (!ShardIterator.TryDecode(token, service.Catalog.IteratorKey, out var iterator))
            throw KinesisErrors.InvalidArgument("Invalid ShardIterator.");
        var now = service.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (iterator.ExpiresUnixMs < now)
        {
            var created = iterator.ExpiresUnixMs - (long)ShardIterator.Lifetime.TotalMilliseconds;
            throw new KinesisException("ExpiredIteratorException",
                string.Create(CultureInfo.InvariantCulture, $"Iterator expired. The iterator was created at time {DateTimeOffset.FromUnixTimeMilliseconds(created):ddd MMM dd HH:mm:ss 'UTC' yyyy} while right now it is {DateTimeOffset.FromUnixTimeMilliseconds(now):ddd MMM dd HH:mm:ss 'UTC' yyyy} which is further in the future than the tolerated delay of {(long)ShardIterator.Lifetime.TotalMilliseconds} milliseconds."));
        }
        // Newer SDKs send the StreamARN with the iterator: it must be the iterator's stream.
        if (args.String("StreamARN", 1, 2048) is { } arn && StreamArn.NameOf(arn) != iterator.StreamName)
            throw KinesisErrors.InvalidArgument($"StreamARN {arn} does not match the stream of the ShardIterator.");
        var stream = service.Catalog.Find(iterator.StreamName);
        if (stream is null || stream.CreatedUnixMs != iterator.StreamCreatedUnixMs) throw KinesisErrors.StreamNotFound(iterator.StreamName);
        var shard = new ShardId(iterator.ShardIndex);
        var (definition, log) = service.GetShard(stream, shard);
        if (log?.Throughput is { } throughput && !throughput.TryStartRead()) throw KinesisErrors.ReadRateExceeded(shard.ToString(), stream.Name);
        var end = definition.EndPosition;
        var tail = log?.Tail ?? default;
        w.WriteStartObject();
        w.WriteStartArray("Records"u8);
        var read = log is null
            ? new Storage.ShardLog.ReadOutcome(0, iterator.Position, 0)
            : await log.ReadAsync(iterator.Position, limit, MaxGetBytes, new GetRecordsWriter(w, shard), end ?? ulong.MaxValue, cancellationToken).ConfigureAwait(false);
        w.WriteEndArray();
        if (read.Next > iterator.Position) log?.Throughput?.ChargeRead((long)(read.Next - iterator.Position));
        if (end is { } closedAt && read.Next >= closedAt)
        {
            // The end of a closed shard: no NextShardIterator, and the children to go on with.
            WriteChildShards(w, stream, definition);
            w.WriteNumber("MillisBehindLatest"u8, 0);
        }
        else
        {
            w.WriteString("NextShardIterator"u8, NewIterator(stream, shard, read.Next));
            var behind = read.Next >= tail.Position || read.Count == 0 ? 0 : Math.Max(0, tail.LastArrivalUnixMs - read.LastArrivalUnixMs);
            w.WriteNumber("MillisBehindLatest"u8, behind);
        }
        w.WriteEndObject();
    }
}
