using System.Buffers;
using System.Buffers.Text;
using System.Runtime.InteropServices;
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
    /// <summary>How often one put follows a reshard to the children before it gives up on those records.</summary>
    private const int MaxReroutes = 4;

    /// <summary>A checked record: its hash key (to route it, again if resharding closes its shard) and its bytes.</summary>
    private readonly record struct PlannedRecord(UInt128 HashKey, IncomingRecord Record);

    /// <summary>Where each record of a put ended up (by request index): its shard, position, or failure.</summary>
    private sealed class Placement(int count)
    {
        public int[] Shard { get; } = new int[count];
        public ulong[] Position { get; } = new ulong[count];
        public string?[] Failure { get; } = new string?[count];
        /// <summary>Refused by the shard's rate limit (ProvisionedThroughputExceededException) rather than failed.</summary>
        public bool[] Throttled { get; } = new bool[count];
    }

    /// <summary>https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecord.html — answers once the record is on 2 of 3 copies.</summary>
    private async Task PutRecordAsync(RequestArgs args, Utf8JsonWriter w, CancellationToken cancellationToken)
    {
        var stream = service.GetStream(args.StreamName());
        var buffer = ArrayPool<byte>.Shared.Rent(DecodedBound(args.Root));
        try
        {
            var used = 0;
            var planned = new[] { Plan(args, "", buffer, ref used) };
            var placement = new Placement(1);
            await PlaceAsync(stream, planned, [0], placement, 0, cancellationToken).ConfigureAwait(false);
            if (placement.Failure[0] is { } failure)
                throw placement.Throttled[0] ? new KinesisException("ProvisionedThroughputExceededException", failure) : new KinesisException("InternalFailure", $"Internal service failure: {failure}", 500);
            var shard = new ShardId(placement.Shard[0]);
            w.WriteStartObject();
            w.WriteString("ShardId", shard.ToString());
            w.WriteString("SequenceNumber", new SequenceNumber(shard, placement.Position[0]).ToString());
            w.WriteString("EncryptionType", "NONE");
            w.WriteEndObject();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html — a request
    /// that breaks the schema fails whole, as in Kinesis; otherwise each shard's records are
    /// appended as one batch, shards in parallel, and a shard that cannot make its batch durable
    /// fails only its own records (InternalFailure), reported in request order. Keys and data are
    /// decoded once into one pooled buffer; the per-request arrays are the only other allocations.
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
        var bound = 0;
        foreach (var item in items.EnumerateArray()) bound += DecodedBound(item);
        var buffer = ArrayPool<byte>.Shared.Rent(bound);
        try
        {
            var planned = new PlannedRecord[count];
            long total = 0;
            var used = 0;
            var index = 0;
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object) throw KinesisErrors.Serialization($"records.{index + 1}: expected an object");
                planned[index] = Plan(new RequestArgs(item), $"records.{index + 1}.member.", buffer, ref used);
                total += planned[index].Record.Data.Length + planned[index].Record.PartitionKeyUtf8.Length;
                index++;
            }
            if (total > MaxPutBytes) throw KinesisErrors.InvalidArgument($"Records size exceeds {MaxPutBytes / 1024 / 1024} MB limit: {total} bytes.");
            var placement = new Placement(count);
            await PlaceAsync(stream, planned, [.. Enumerable.Range(0, count)], placement, 0, cancellationToken).ConfigureAwait(false);
            WritePutRecordsResult(w, placement);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Routes the records <paramref name="members"/> (request indexes, in request order) to the
    /// stream's open shards and appends each shard's share as one batch, shards in parallel. A
    /// shard that resharding closed meanwhile sends its share, after the catalog names the
    /// children, through here again with the new definition.
    /// </summary>
    private async Task PlaceAsync(StreamDefinition stream, PlannedRecord[] planned, int[] members, Placement placement, int reroutes, CancellationToken cancellationToken)
    {
        var router = ShardRouter.For(stream);
        var groups = new Dictionary<int, List<int>>();
        foreach (var i in members)
        {
            var shard = router.Route(planned[i].HashKey).Index;
            placement.Shard[i] = shard;
            if (!groups.TryGetValue(shard, out var group)) groups[shard] = group = [];
            group.Add(i);
        }
        await Task.WhenAll(groups.Select(async g =>
        {
            var shard = new ShardId(g.Key);
            var admitted = g.Value;
            try
            {
                var (_, log) = service.GetShard(stream, shard);
                admitted = Admit(log!, stream.Name, shard, g.Value, planned, placement);
                if (admitted.Count == 0) return;
                var records = new IncomingRecord[admitted.Count];
                for (var k = 0; k < records.Length; k++) records[k] = planned[admitted[k]].Record;
                var placed = await log!.AppendAsync(records, cancellationToken).ConfigureAwait(false);
                var position = placed.Start;
                for (var k = 0; k < records.Length; k++)
                {
                    placement.Position[admitted[k]] = position;
                    position += (ulong)LogRecord.EncodedLength(records[k].PartitionKeyUtf8.Length, records[k].Data.Length);
                }
            }
            catch (ShardClosedException) when (reroutes < MaxReroutes)
            {
                var resharded = await service.WaitForReshardAsync(stream.Name, g.Key, cancellationToken).ConfigureAwait(false);
                // Only what this shard's limit let through moves on: the refused records stay refused.
                await PlaceAsync(resharded, planned, [.. admitted], placement, reroutes + 1, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "PutRecords to {Stream} {Shard} failed", stream.Name, shard);
                foreach (var i in admitted) placement.Failure[i] = e.Message;
            }
        })).ConfigureAwait(false);
    }

    /// <summary>
    /// The members of one shard's share its rate limit lets through, in request order; the others
    /// are marked refused (ProvisionedThroughputExceededException), as Kinesis refuses them record by
    /// record. Without limits, the share itself.
    /// </summary>
    private static List<int> Admit(Storage.ShardLog log, string stream, ShardId shard, List<int> members, PlannedRecord[] planned, Placement placement)
    {
        if (log.Throughput is not { } throughput) return members;
        var admitted = new List<int>(members.Count);
        string? refusal = null;
        foreach (var i in members)
        {
            var record = planned[i].Record;
            if (throughput.TryAdmitPut(record.Data.Length + record.PartitionKeyUtf8.Length)) admitted.Add(i);
            else
            {
                placement.Failure[i] = refusal ??= KinesisErrors.PutRateExceeded(shard.ToString(), stream);
                placement.Throttled[i] = true;
            }
        }
        return admitted;
    }

    private static void WritePutRecordsResult(Utf8JsonWriter w, Placement placement)
    {
        Span<byte> sequence = stackalloc byte[SequenceNumber.Utf8Length];
        Span<byte> shardText = stackalloc byte[32];
        w.WriteStartObject();
        w.WriteNumber("FailedRecordCount"u8, placement.Failure.Count(f => f is not null));
        w.WriteStartArray("Records"u8);
        for (var i = 0; i < placement.Shard.Length; i++)
        {
            w.WriteStartObject();
            var shard = new ShardId(placement.Shard[i]);
            if (placement.Failure[i] is { } error && placement.Throttled[i])
            {
                w.WriteString("ErrorCode"u8, "ProvisionedThroughputExceededException"u8);
                w.WriteString("ErrorMessage"u8, error);
            }
            else if (placement.Failure[i] is { } failure)
            {
                w.WriteString("ErrorCode"u8, "InternalFailure"u8);
                w.WriteString("ErrorMessage"u8, $"Internal service failure: {failure}");
            }
            else
            {
                new SequenceNumber(shard, placement.Position[i]).Format(sequence);
                w.WriteString("SequenceNumber"u8, sequence);
                w.WriteString("ShardId"u8, shardText[..shard.Format(shardText)]);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("EncryptionType"u8, "NONE"u8);
        w.WriteEndObject();
    }

    /// <summary>Bytes a record's key and data can take decoded: at most their bytes in the request.</summary>
    private static int DecodedBound(JsonElement record)
    {
        if (record.ValueKind != JsonValueKind.Object) return 0;
        var bound = 0;
        if (record.TryGetProperty("Data", out var data) && data.ValueKind == JsonValueKind.String) bound += JsonMarshal.GetRawUtf8Value(data).Length;
        if (record.TryGetProperty("PartitionKey", out var key) && key.ValueKind == JsonValueKind.String) bound += JsonMarshal.GetRawUtf8Value(key).Length;
        return bound;
    }

    /// <summary>
    /// Checks one record's members (<paramref name="prefix"/> names it in errors), decodes its key
    /// and data into <paramref name="buffer"/> from <paramref name="used"/> on, and computes its hash key.
    /// </summary>
    private static PlannedRecord Plan(RequestArgs record, string prefix, byte[] buffer, ref int used)
    {
        if (!record.Has("Data")) throw KinesisErrors.Validation("null", prefix + "data", "Member must not be null");
        var dataElement = record.Root.GetProperty("Data");
        if (dataElement.ValueKind != JsonValueKind.String) throw KinesisErrors.Serialization($"{prefix}data: expected base64 data");
        var data = DecodeBase64(dataElement, buffer, ref used) ?? throw KinesisErrors.Serialization($"{prefix}data: expected base64 data");
        if (data.Length > MaxRecordBytes)
            throw KinesisErrors.Validation($"java.nio.HeapByteBuffer[pos=0 lim={data.Length} cap={data.Length}]", prefix + "data", $"Member must have length less than or equal to {MaxRecordBytes}");
        if (!record.Has("PartitionKey")) throw KinesisErrors.Validation("null", prefix + "partitionKey", "Member must not be null");
        var keyElement = record.Root.GetProperty("PartitionKey");
        if (keyElement.ValueKind != JsonValueKind.String) throw KinesisErrors.Serialization($"{prefix}partitionKey: expected a string, found {keyElement.ValueKind}");
        var key = Unescaped(keyElement, buffer, ref used);
        var keyChars = Encoding.UTF8.GetCharCount(key.Span);
        if (keyChars is < 1 or > 256)
            throw KinesisErrors.Validation(keyElement.GetString()!, prefix + "partitionKey", keyChars < 1 ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 256");
        UInt128 hash;
        if (record.Has("ExplicitHashKey"))
        {
            var explicitElement = record.Root.GetProperty("ExplicitHashKey");
            if (explicitElement.ValueKind != JsonValueKind.String) throw KinesisErrors.Serialization($"{prefix}explicitHashKey: expected a string, found {explicitElement.ValueKind}");
            var explicitKey = explicitElement.GetString()!;
            if (!PartitionKeyHash.TryParseExplicit(explicitKey, out hash))
                throw KinesisErrors.InvalidArgument($"Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was {explicitKey}");
        }
        else hash = PartitionKeyHash.Of(key.Span);
        return new PlannedRecord(hash, new IncomingRecord(key, data));
    }

    /// <summary>A JSON string's bytes, unescaped, copied into the buffer (the raw bytes when it has no escapes, as SDKs send keys).</summary>
    private static ReadOnlyMemory<byte> Unescaped(JsonElement element, byte[] buffer, ref int used)
    {
        var raw = RawString(element);
        int length;
        if (raw.IndexOf((byte)'\\') < 0)
        {
            raw.CopyTo(buffer.AsSpan(used));
            length = raw.Length;
        }
        else length = Encoding.UTF8.GetBytes(element.GetString()!, buffer.AsSpan(used));
        var slice = buffer.AsMemory(used, length);
        used += length;
        return slice;
    }

    /// <summary>Base64 decoded into the buffer; null when it is not base64. SDKs never escape base64, but JSON allows it (\/ or \u002B), so that case unescapes first.</summary>
    private static ReadOnlyMemory<byte>? DecodeBase64(JsonElement element, byte[] buffer, ref int used)
    {
        var raw = RawString(element);
        byte[]? unescaped = null;
        if (raw.IndexOf((byte)'\\') >= 0)
        {
            unescaped = Encoding.UTF8.GetBytes(element.GetString()!);
            raw = unescaped;
        }
        if (Base64.DecodeFromUtf8(raw, buffer.AsSpan(used), out _, out var written) != OperationStatus.Done) return null;
        var slice = buffer.AsMemory(used, written);
        used += written;
        return slice;
    }

    /// <summary>The raw UTF-8 of a JSON string value, without its quotes.</summary>
    private static ReadOnlySpan<byte> RawString(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        return raw.Length >= 2 && raw[0] == (byte)'"' ? raw[1..^1] : raw;
    }
}
