using System.Text.Json;
using Borealis.Streams.Iterators;
using Borealis.Streams.Model;

namespace Borealis.Streams.Api;

public sealed partial class KinesisApi
{
    /// <summary>https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetShardIterator.html — the iterator is valid for 5 minutes.</summary>
    private async Task GetShardIteratorAsync(RequestArgs args, Utf8JsonWriter w, CancellationToken cancellationToken)
    {
        var stream = service.GetStream(args.StreamName());
        var shardText = args.RequiredString("ShardId", 1, 128);
        if (!ShardId.TryParse(shardText, out var shardId)) throw KinesisErrors.ShardNotFound(shardText, stream.Name);
        var (_, log) = service.GetShard(stream, shardId);
        var type = args.RequiredString("ShardIteratorType");
        if (type is not ("TRIM_HORIZON" or "LATEST" or "AT_SEQUENCE_NUMBER" or "AFTER_SEQUENCE_NUMBER" or "AT_TIMESTAMP"))
            throw KinesisErrors.Validation(type, "shardIteratorType", "Member must satisfy enum value set: [AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP]");
        var timestamp = type == "AT_TIMESTAMP"
            ? (args.Timestamp("Timestamp") ?? throw KinesisErrors.InvalidArgument("Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.")).ToUnixTimeMilliseconds()
            : 0;
        ulong position;
        if (log is null)
        {
            // A shard resharding made and closed at once has no records: every iterator is at its end.
            if (type is "AT_SEQUENCE_NUMBER" or "AFTER_SEQUENCE_NUMBER")
                throw KinesisErrors.InvalidArgument($"StartingSequenceNumber {args.String("StartingSequenceNumber")} used in GetShardIterator on shard {shardId} does not name a record of this shard.");
            position = 0;
        }
        else
        {
            position = type switch
            {
                "TRIM_HORIZON" => log.TrimPosition,
                "LATEST" => log.Tail.Position,
                "AT_SEQUENCE_NUMBER" => await SequencePositionAsync(args, shardId, log, after: false, cancellationToken).ConfigureAwait(false),
                "AFTER_SEQUENCE_NUMBER" => await SequencePositionAsync(args, shardId, log, after: true, cancellationToken).ConfigureAwait(false),
                _ => await log.FindArrivalAsync(timestamp, cancellationToken).ConfigureAwait(false),
            };
            // A position in trimmed records (an old sequence number) starts at the trim horizon, as in Kinesis.
            position = Math.Max(position, log.TrimPosition);
        }
        w.WriteStartObject();
        w.WriteString("ShardIterator", NewIterator(stream, shardId, position));
        w.WriteEndObject();
    }

    private string NewIterator(Catalog.StreamDefinition stream, ShardId shard, ulong position) =>
        new ShardIterator(stream.Name, stream.CreatedUnixMs, shard.Index, position, service.Clock.GetUtcNow().Add(ShardIterator.Lifetime).ToUnixTimeMilliseconds())
            .Encode(service.Catalog.IteratorKey);

    /// <summary>
    /// Where an AT_ or AFTER_SEQUENCE_NUMBER iterator starts: at (or just after) the record the
    /// StartingSequenceNumber names; InvalidArgumentException unless it is one of this shard's
    /// records. A trimmed record is not read back (not even to check it): the iterator starts at
    /// the trim horizon, as Kinesis's does.
    /// </summary>
    private static async Task<ulong> SequencePositionAsync(RequestArgs args, ShardId shard, Storage.ShardLog log, bool after, CancellationToken cancellationToken)
    {
        var text = args.String("StartingSequenceNumber", 0, 128)
            ?? throw KinesisErrors.InvalidArgument("StartingSequenceNumber must be provided for iterators of type AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER.");
        if (!SequenceNumber.TryParse(text, out var sequence) || sequence.Shard != shard)
            throw KinesisErrors.InvalidArgument($"StartingSequenceNumber {text} used in GetShardIterator on shard {shard} in stream is invalid because it did not come from this stream.");
        var horizon = log.TrimPosition;
        if (sequence.Position < horizon) return horizon;
        try
        {
            var record = await log.ReadOneAsync(sequence.Position, cancellationToken).ConfigureAwait(false);
            return after ? record.Position + (ulong)record.EncodedLength() : record.Position;
        }
        catch (InvalidDataException)
        {
            throw KinesisErrors.InvalidArgument($"StartingSequenceNumber {text} used in GetShardIterator on shard {shard} does not name a record of this shard.");
        }
    }
}
