using System.Globalization;
using System.Text.Json;
using Borealis.Streams.Iterators;
using Borealis.Streams.Model;

namespace Borealis.Streams.Api;

public sealed partial class KinesisApi
{
    public const int MaxGetRecords = 10_000;
    public const long MaxGetBytes = 10L * 1024 * 1024;

    /// <summary>
    /// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetRecords.html — reads the
    /// shard's pages at VDL from the iterator's position, up to Limit records or 10 MiB, and hands
    /// back an iterator for where it stopped. MillisBehindLatest is how much older the last record
    /// returned is than the newest in the shard (0 once the reader is at the tip).
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
        var (_, log) = service.GetShard(stream, shard);
        var tail = log.Tail;
        w.WriteStartObject();
        w.WriteStartArray("Records"u8);
        var read = await log.ReadAsync(iterator.Position, limit, MaxGetBytes, new GetRecordsWriter(w, shard), cancellationToken: cancellationToken).ConfigureAwait(false);
        w.WriteEndArray();
        w.WriteString("NextShardIterator"u8, NewIterator(stream, shard, read.Next));
        var behind = read.Next >= tail.Position || read.Count == 0 ? 0 : Math.Max(0, tail.LastArrivalUnixMs - read.LastArrivalUnixMs);
        w.WriteNumber("MillisBehindLatest"u8, behind);
        w.WriteEndObject();
    }
}
