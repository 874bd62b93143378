using System.Numerics;
using System.Text;
using System.Text.Json;
using Borealis.Streams.Catalog;
using Borealis.Streams.Model;
using Borealis.Streams.Storage;
using Microsoft.Extensions.Logging;

namespace Borealis.Streams.Api;

public sealed partial class KinesisApi
{
    public const int MaxRecordBytes = 1024 * 1024;
    public const int MaxRecordsPerPut = 500;
    public const int MaxPutBytes = 5 * 1024 * 1024;

    private readonly record struct PlannedRecord(ShardDefinition Shard, IncomingRecord Record);

    /// <summary>https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecord.html — answers once the record is on 2 of 3 copies.</summary>
    private async Task PutRecordAsync(RequestArgs args, Utf8JsonWriter w, CancellationToken cancellationToken)
    {
        var stream = service.GetStream(args.StreamName());
        var planned = Plan(stream, args, "");
        var (_, log) = service.GetShard(stream, new ShardId(planned.Shard.Index));
        var placed = await log.AppendAsync([planned.Record], cancellationToken).ConfigureAwait(false);
        w.WriteStartObject();
        w.WriteString("ShardId", new ShardId(planned.Shard.Index).ToString());
        w.WriteString("SequenceNumber", new SequenceNumber(new ShardId(planned.Shard.Index), placed[0].Position).ToString());
        w.WriteString("EncryptionType", "NONE");
        w.WriteEndObject();
    }

    /// <summary>
    /// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html — a request
    /// that breaks the schema fails whole, as in Kinesis; otherwise each shard's records are
    /// appended as one batch, shards in parallel, and a shard that cannot make its batch durable
    /// fails only its own records (InternalFailure), reported in request order.
    /// </summary>
    private async Task PutRecordsAsync(RequestArgs args, Utf8JsonWriter w, CancellationToken cancellationToken)
    {
        var stream = service.GetStream(args.StreamName());
        if (!args.Has("Records") || args.Root.GetProperty("Records").ValueKind != JsonValueKind.Array)
            throw KinesisErrors.Validation("null", "records", "Member must not be null");
        var items = args.Root.GetProperty("Records");
        var count = items.GetArrayLength();
        if (count < 1) throw KinesisErrors.Validation("[]", "records", "Member must have length greater than or equal to 1");
        if (count > MaxRecordsPerPut) throw KinesisErrors.Validation($"[{count} records]", "records", $"Member must have length less than or equal to {MaxRecordsPerPut}");
        var planned = new PlannedRecord[count];
        long total = 0;
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            planned[index] = Plan(stream, new RequestArgs(item), $"records.{index + 1}.member.");
            total += planned[index].Record.Data.Length + Encoding.UTF8.GetByteCount(planned[index].Record.PartitionKey);
            index++;
        }
        if (total > MaxPutBytes) throw KinesisErrors.InvalidArgument($"Records size exceeds {MaxPutBytes / 1024 / 1024} MB limit: {total} bytes.");

        var results = new (ulong Position, string? Error)[count];
        await Task.WhenAll(planned.Select((p, i) => (p, i)).GroupBy(x => x.p.Shard.Index).Select(async group =>
        {
            var members = group.ToList();
            try
            {
                var (_, log) = service.GetShard(stream, new ShardId(group.Key));
                var placed = await log.AppendAsync([.. members.Select(m => m.p.Record)], cancellationToken).ConfigureAwait(false);
                for (var k = 0; k < members.Count; k++) results[members[k].i] = (placed[k].Position, null);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "PutRecords to {Stream} {Shard} failed", stream.Name, new ShardId(group.Key));
                foreach (var m in members) results[m.i] = (0, e.Message);
            }
        })).ConfigureAwait(false);

        w.WriteStartObject();
        w.WriteNumber("FailedRecordCount", results.Count(r => r.Error is not null));
        w.WriteStartArray("Records");
        for (var i = 0; i < count; i++)
        {
            w.WriteStartObject();
            var shard = new ShardId(planned[i].Shard.Index);
            if (results[i].Error is { } error)
            {
                w.WriteString("ErrorCode", "InternalFailure");
                w.WriteString("ErrorMessage", $"Internal service failure: {error}");
            }
            else
            {
                w.WriteString("SequenceNumber", new SequenceNumber(shard, results[i].Position).ToString());
                w.WriteString("ShardId", shard.ToString());
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("EncryptionType", "NONE");
        w.WriteEndObject();
    }

    /// <summary>Checks one record's members (<paramref name="prefix"/> names it in errors) and picks its shard.</summary>
    private static PlannedRecord Plan(StreamDefinition stream, RequestArgs record, string prefix)
    {
        if (!record.Has("Data")) throw KinesisErrors.Validation("null", prefix + "data", "Member must not be null");
        var dataElement = record.Root.GetProperty("Data");
        if (dataElement.ValueKind != JsonValueKind.String || !dataElement.TryGetBytesFromBase64(out var data))
            throw KinesisErrors.Serialization($"{prefix}data: expected base64 data");
        if (data.Length > MaxRecordBytes)
            throw KinesisErrors.Validation($"java.nio.HeapByteBuffer[pos=0 lim={data.Length} cap={data.Length}]", prefix + "data", $"Member must have length less than or equal to {MaxRecordBytes}");
        var key = record.String("PartitionKey", 0, int.MaxValue);
        if (key is null) throw KinesisErrors.Validation("null", prefix + "partitionKey", "Member must not be null");
        if (key.Length is < 1 or > 256) throw KinesisErrors.Validation(key, prefix + "partitionKey", key.Length < 1 ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 256");
        BigInteger hash;
        if (record.String("ExplicitHashKey", 0, int.MaxValue) is { } explicitKey)
        {
            if (!PartitionKeyHash.TryParseExplicit(explicitKey, out hash))
                throw KinesisErrors.InvalidArgument($"Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was {explicitKey}");
        }
        else hash = PartitionKeyHash.Of(key);
        return new PlannedRecord(StreamsService.Route(stream, hash), new IncomingRecord(key, data));
    }
}
