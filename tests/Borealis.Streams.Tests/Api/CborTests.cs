using System.Formats.Cbor;
using System.Net;
using System.Text;
using Borealis.Streams.Tests.Support;

namespace Borealis.Streams.Tests.Api;

/// <summary>
/// The AWS CBOR protocol, written here as the AWS SDK for Java writes it: the JSON members in a
/// CBOR map, blobs as byte strings, timestamps as tag 1 over epoch milliseconds.
/// </summary>
[Collection(SharedHostCollection.Name)]
public sealed class CborTests(SharedHost shared)
{
    private const string Cbor = "application/x-amz-cbor-1.1";
    private KinesisClient Client => shared.Client;

    private static byte[] Map(params (string Key, Action<CborWriter> Value)[] members)
    {
        var writer = new CborWriter();
        writer.WriteStartMap(members.Length);
        foreach (var (key, value) in members)
        {
            writer.WriteTextString(key);
            value(writer);
        }
        writer.WriteEndMap();
        return writer.Encode();
    }

    private static Action<CborWriter> Text(string text) => w => w.WriteTextString(text);

    /// <summary>A CBOR reply decoded into nested dictionaries, lists, strings, byte arrays, longs, doubles and (tag 1) DateTimeOffsets.</summary>
    private static object? Decode(CborReader reader)
    {
        switch (reader.PeekState())
        {
            case CborReaderState.StartMap:
                var map = new Dictionary<string, object?>();
                reader.ReadStartMap();
                while (reader.PeekState() != CborReaderState.EndMap) map[reader.ReadTextString()] = Decode(reader);
                reader.ReadEndMap();
                return map;
            case CborReaderState.StartArray:
                var list = new List<object?>();
                reader.ReadStartArray();
                while (reader.PeekState() != CborReaderState.EndArray) list.Add(Decode(reader));
                reader.ReadEndArray();
                return list;
            case CborReaderState.Tag:
                Assert.Equal(CborTag.UnixTimeSeconds, reader.ReadTag());
                return DateTimeOffset.FromUnixTimeMilliseconds(reader.ReadInt64());
            case CborReaderState.TextString: return reader.ReadTextString();
            case CborReaderState.ByteString: return reader.ReadByteString();
            case CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger: return reader.ReadInt64();
            case CborReaderState.Boolean: return reader.ReadBoolean();
            case CborReaderState.Null:
                reader.ReadNull();
                return null;
            default: return reader.ReadDouble();
        }
    }

    private async Task<(HttpStatusCode Status, Dictionary<string, object?> Body)> CallAsync(string operation, byte[] body)
    {
        var (status, contentType, bytes) = await Client.PostAsync(operation, body, Cbor);
        Assert.Equal(Cbor, contentType);
        return (status, (Dictionary<string, object?>)Decode(new CborReader(bytes))!);
    }

    private async Task<Dictionary<string, object?>> OkAsync(string operation, byte[] body)
    {
        var (status, reply) = await CallAsync(operation, body);
        Assert.True(status == HttpStatusCode.OK, $"{operation}: {(int)status} {string.Join(", ", reply.Select(kv => $"{kv.Key}={kv.Value}"))}");
        return reply;
    }

    [Fact]
    public async Task Records_go_in_and_come_out_as_byte_strings_with_epoch_millisecond_timestamps()
    {
        await OkAsync("CreateStream", Map(("StreamName", Text("cbor")), ("ShardCount", w => w.WriteInt32(1))));
        // The shared host's clock, which other tests move forward.
        var before = shared.Host.Clock.GetUtcNow().AddSeconds(-1);
        var put = await OkAsync("PutRecord", Map(("StreamName", Text("cbor")), ("PartitionKey", Text("k")), ("Data", w => w.WriteByteString([0, 1, 2, 0xFF]))));
        Assert.Equal("shardId-000000000000", put["ShardId"]);
        var batch = await OkAsync("PutRecords", Map(("StreamName", Text("cbor")), ("Records", w =>
        {
            w.WriteStartArray(2);
            foreach (var text in new[] { "two", "three" })
            {
                w.WriteStartMap(2);
                w.WriteTextString("Data");
                w.WriteByteString(Encoding.UTF8.GetBytes(text));
                w.WriteTextString("PartitionKey");
                w.WriteTextString("k");
                w.WriteEndMap();
            }
            w.WriteEndArray();
        })));
        Assert.Equal(0L, batch["FailedRecordCount"]);

        var iterator = (string)(await OkAsync("GetShardIterator", Map(("StreamName", Text("cbor")), ("ShardId", Text("shardId-000000000000")),
            ("ShardIteratorType", Text("AT_TIMESTAMP")), ("Timestamp", w =>
            {
                w.WriteTag(CborTag.UnixTimeSeconds);
                w.WriteInt64(before.ToUnixTimeMilliseconds());
            }))))["ShardIterator"]!;
        var read = await OkAsync("GetRecords", Map(("ShardIterator", Text(iterator))));
        var records = ((List<object?>)read["Records"]!).Cast<Dictionary<string, object?>>().ToList();
        Assert.Equal([[0, 1, 2, 0xFF], "two"u8.ToArray(), "three"u8.ToArray()], records.Select(r => (byte[])r["Data"]!));
        Assert.Equal(put["SequenceNumber"], records[0]["SequenceNumber"]);
        var arrival = (DateTimeOffset)records[0]["ApproximateArrivalTimestamp"]!;
        Assert.InRange(arrival, before, shared.Host.Clock.GetUtcNow().AddSeconds(1));
        Assert.IsType<string>(read["NextShardIterator"]);

        var described = (Dictionary<string, object?>)(await OkAsync("DescribeStreamSummary", Map(("StreamName", Text("cbor")))))["StreamDescriptionSummary"]!;
        Assert.IsType<DateTimeOffset>(described["StreamCreationTimestamp"]);
        Assert.Equal(24L, described["RetentionPeriodHours"]);
    }

    [Fact]
    public async Task Errors_come_back_in_CBOR_and_malformed_CBOR_is_a_SerializationException()
    {
        var (status, missing) = await CallAsync("DescribeStream", Map(("StreamName", Text("no-such-cbor-stream"))));
        Assert.Equal((HttpStatusCode.BadRequest, "ResourceNotFoundException"), (status, missing["__type"]));
        Assert.Contains("no-such-cbor-stream", (string)missing["message"]!, StringComparison.Ordinal);

        foreach (var body in new byte[][] { [0x9F, 0x01], [0x01], [0xA1, 0x01, 0x02], [0xBF, 0x61], [0xA1, 0x61, 0x41, 0xC2, 0x41, 0x00] })
        {
            var (badStatus, bad) = await CallAsync("ListStreams", body);
            Assert.Equal((HttpStatusCode.BadRequest, "SerializationException"), (badStatus, bad["__type"]));
        }
        // Deep nesting is refused, not a stack overflow.
        var deep = new byte[2001];
        Array.Fill(deep, (byte)0x81);
        deep[0] = 0xA1;
        deep[1] = 0x61;
        deep[2] = 0x41;
        var (deepStatus, deepReply) = await CallAsync("ListStreams", deep);
        Assert.Equal((HttpStatusCode.BadRequest, "SerializationException"), (deepStatus, deepReply["__type"]));
        var (_, empty) = await CallAsync("ListStreams", []);
        Assert.IsType<List<object?>>(empty["StreamNames"]);
    }
}
