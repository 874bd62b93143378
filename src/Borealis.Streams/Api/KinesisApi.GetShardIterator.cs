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
        var position = await StartPositionAsync(type, "shardIteratorType", args.String("StartingSequenceNumber", 0, 128), args.Timestamp("Timestamp"), shardId, log, cancellationToken).ConfigureAwait(false);
        w.WriteStartObject();
        w.WriteString("ShardIterator", NewIterator(stream, shardId, position));
        w.WriteEndObject();
    }

    private string NewIterator(Catalog.StreamDefinition stream, ShardId shard, ulong position) =>
        new ShardIterator(stream.Name, stream.CreatedUnixMs, shard.Index, position, service.Clock.GetUtcNow().Add(ShardIterator.Lifetime).ToUnixTimeMilliseconds())
            .Encode(service.Catalog.IteratorKey);

    /// <summary>
    /// Where a reader starts in a shard (GetShardIterator's types, which SubscribeToShard's
    /// StartingPosition shares): never before the trim horizon.
    /// </summary>
    private static async Task<ulong> StartPositionAsync(string type, string typeMember, string? sequence, DateTimeOffset? timestamp, ShardId shard, Storage.ShardLog? log, CancellationToken cancellationToken)
    {
        if (type is not ("TRIM_HORIZON" or "LATEST" or "AT_SEQUENCE_NUMBER" or "AFTER_SEQUENCE_NUMBER" or "AT_TIMESTAMP"))
            throw KinesisErrors.Validation(type, typeMember, "Member must satisfy enum value set: [AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP]");
        var at = type == "AT_TIMESTAMP"
            ? (timestamp ?? throw KinesisErrors.InvalidArgument("Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.")).ToUnixTimeMilliseconds()
            : 0;
        if (log is null)
        {
            // A shard resharding made and closed at once has no records: every reader is at its end.
            if (type is "AT_SEQUENCE_NUMBER" or "AFTER_SEQUENCE_NUMBER")
                throw KinesisErrors.InvalidArgument($"StartingSequenceNumber {sequence} used in GetShardIterator on shard {shard} does not name a record of this shard.");
            return 0;
        }
        var position = type switch
        {
            "TRIM_HORIZON" => log.TrimPosition,
            "LATEST" => log.Tail.Position,
            "AT_SEQUENCE_NUMBER" => await SequencePositionAsync(sequence, shard, log, after: false, cancellationToken).ConfigureAwait(false),
            "AFTER_SEQUENCE_NUMBER" => await SequencePositionAsync(sequence, shard, log, after: true, cancellationToken).ConfigureAwait(false),
            _ => await log.FindArrivalAsync(at, cancellationToken).ConfigureAwait(false),
        };
        // A position in trimmed records (an old sequence number) starts at the trim horizon, as in Kinesis.
        return Math.Max(position, log.TrimPosition);
    }

    /// <summary>
    /// Where an AT_ or AFTER_SEQUENCE_NUMBER iterator starts: at (or just after) the record the
    /// StartingSequenceNumber names; InvalidArgumentException unless it is one of this shard's
    /// records. A trimmed record is not read back (not even to check it): the iterator starts at
    /// the trim horizon, as Kinesis's does.
    /// </summary>
    private static async Task<ulong> SequencePositionAsync(string? sequenceText, ShardId shard, Storage.ShardLog log, bool after, CancellationToken cancellationToken)
    {
        var text = sequenceText
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
