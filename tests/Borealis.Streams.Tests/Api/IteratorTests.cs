using System.Text;
using System.Text.Json.Nodes;
using Borealis.Streams.Tests.Support;

namespace Borealis.Streams.Tests.Api;

[Collection(SharedHostCollection.Name)]
public sealed class IteratorTests(SharedHost shared)
{
    private KinesisClient Client => shared.Client;
    private const string Shard = "shardId-000000000000";

    private static List<string> Texts(List<KinesisCalls.Record> records) => [.. records.Select(r => Encoding.UTF8.GetString(r.Data))];

    [Fact]
    public async Task Every_iterator_type_starts_where_Kinesis_starts_it()
    {
        await Client.CreateStreamAsync("iterators", 1);
        var sequences = new List<string>();
        for (var i = 0; i < 5; i++) sequences.Add((await Client.PutAsync("iterators", "k", Encoding.UTF8.GetBytes($"r{i}"))).SequenceNumber);

        Assert.Equal(["r0", "r1", "r2", "r3", "r4"], Texts(await Client.ReadShardAsync("iterators", Shard)));
        Assert.Equal(["r2", "r3", "r4"], Texts((await Client.ReadToEndAsync(await Client.IteratorAsync("iterators", Shard, "AT_SEQUENCE_NUMBER", sequences[2]))).Records));
        Assert.Equal(["r3", "r4"], Texts((await Client.ReadToEndAsync(await Client.IteratorAsync("iterators", Shard, "AFTER_SEQUENCE_NUMBER", sequences[2]))).Records));
        Assert.Empty((await Client.ReadToEndAsync(await Client.IteratorAsync("iterators", Shard, "AFTER_SEQUENCE_NUMBER", sequences[4]))).Records);

        var latest = await Client.IteratorAsync("iterators", Shard, "LATEST");
        var (nothing, next) = await Client.ReadToEndAsync(latest);
        Assert.Empty(nothing);
        await Client.PutAsync("iterators", "k", "r5"u8.ToArray());
        Assert.Equal(["r5"], Texts((await Client.ReadToEndAsync(next)).Records));

        var all = await Client.ReadShardAsync("iterators", Shard);
        Assert.Equal(["r0", "r1", "r2", "r3", "r4", "r5"], Texts((await Client.ReadToEndAsync(await Client.IteratorAsync("iterators", Shard, "AT_TIMESTAMP", timestamp: all[0].Arrival))).Records));
        Assert.Equal(["r5"], Texts((await Client.ReadToEndAsync(await Client.IteratorAsync("iterators", Shard, "AT_TIMESTAMP", timestamp: all[5].Arrival))).Records));
        Assert.Empty((await Client.ReadToEndAsync(await Client.IteratorAsync("iterators", Shard, "AT_TIMESTAMP", timestamp: all[5].Arrival + 60))).Records);
    }

    [Fact]
    public async Task GetRecords_honours_Limit_and_reports_how_far_behind_the_reader_is()
    {
        await Client.CreateStreamAsync("limits", 1);
        for (var i = 0; i < 3; i++)
        {
            await Client.PutAsync("limits", "k", Encoding.UTF8.GetBytes($"r{i}"));
            await Task.Delay(20); // two gaps of 20 ms between r0 and r2; timers and millisecond truncation may shave a little
        }
        var iterator = await Client.IteratorAsync("limits", Shard, "TRIM_HORIZON");
        var first = await Client.OkAsync("GetRecords", new JsonObject { ["ShardIterator"] = iterator, ["Limit"] = 1 });
        Assert.Single(first.GetProperty("Records").EnumerateArray());
        Assert.True(first.GetProperty("MillisBehindLatest").GetInt64() >= 30, $"MillisBehindLatest {first.GetProperty("MillisBehindLatest")}");
        var rest = await Client.OkAsync("GetRecords", new JsonObject { ["ShardIterator"] = first.GetProperty("NextShardIterator").GetString() });
        Assert.Equal(2, rest.GetProperty("Records").GetArrayLength());
        Assert.Equal(0, rest.GetProperty("MillisBehindLatest").GetInt64());
        await Client.FailsAsync("GetRecords", new JsonObject { ["ShardIterator"] = iterator, ["Limit"] = 10_001 }, "ValidationException");
    }

    [Fact]
    public async Task Forged_altered_and_bad_sequence_iterators_are_refused()
    {
        await Client.CreateStreamAsync("forgery", 2);
        var (_, sequence) = await Client.PutAsync("forgery", "k", "x"u8.ToArray());
        var iterator = await Client.IteratorAsync("forgery", Shard, "TRIM_HORIZON");
        var bytes = Convert.FromBase64String(iterator);
        bytes[22] ^= 1; // the position
        await Client.FailsAsync("GetRecords", new JsonObject { ["ShardIterator"] = Convert.ToBase64String(bytes) }, "InvalidArgumentException");
        await Client.FailsAsync("GetRecords", new JsonObject { ["ShardIterator"] = "bm90IGFuIGl0ZXJhdG9y" }, "InvalidArgumentException");
        await Client.FailsAsync("GetShardIterator", new JsonObject { ["StreamName"] = "forgery", ["ShardId"] = "shardId-000000000007", ["ShardIteratorType"] = "LATEST" }, "ResourceNotFoundException");
        await Client.FailsAsync("GetShardIterator", new JsonObject { ["StreamName"] = "forgery", ["ShardId"] = Shard, ["ShardIteratorType"] = "AT_SEQUENCE_NUMBER", ["StartingSequenceNumber"] = "12345" }, "InvalidArgumentException");
        var otherShard = sequence.StartsWith("49000000", StringComparison.Ordinal) ? "shardId-000000000001" : Shard;
        await Client.FailsAsync("GetShardIterator", new JsonObject { ["StreamName"] = "forgery", ["ShardId"] = otherShard, ["ShardIteratorType"] = "AT_SEQUENCE_NUMBER", ["StartingSequenceNumber"] = sequence }, "InvalidArgumentException");
        await Client.FailsAsync("GetShardIterator", new JsonObject { ["StreamName"] = "forgery", ["ShardId"] = Shard, ["ShardIteratorType"] = "SOMEWHERE" }, "ValidationException");
    }

    [Fact]
    public async Task An_iterator_expires_after_five_minutes()
    {
        await Client.CreateStreamAsync("expiry", 1);
        await Client.PutAsync("expiry", "k", "x"u8.ToArray());
        var iterator = await Client.IteratorAsync("expiry", Shard, "TRIM_HORIZON");
        shared.Host.Clock.Advance(TimeSpan.FromMinutes(4));
        var reply = await Client.OkAsync("GetRecords", new JsonObject { ["ShardIterator"] = iterator });
        Assert.Single(reply.GetProperty("Records").EnumerateArray());
        shared.Host.Clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await Client.FailsAsync("GetRecords", new JsonObject { ["ShardIterator"] = iterator }, "ExpiredIteratorException");
        Assert.Contains("Iterator expired", expired.Message, StringComparison.Ordinal);
        // The iterator GetRecords handed back is fresh.
        Assert.Empty((await Client.OkAsync("GetRecords", new JsonObject { ["ShardIterator"] = reply.GetProperty("NextShardIterator").GetString() })).GetProperty("Records").EnumerateArray());
    }
}
