using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Borealis.Streams.Tests.Support;

namespace Borealis.Streams.Tests.Api;

[Collection(SharedHostCollection.Name)]
public sealed class PutAndGetTests(SharedHost shared)
{
    private KinesisClient Client => shared.Client;

    [Fact]
    public async Task A_record_put_comes_back_with_its_data_key_and_sequence_number()
    {
        await Client.CreateStreamAsync("roundtrip", 1);
        var described = await Client.OkAsync("DescribeStream", new JsonObject { ["StreamName"] = "roundtrip" });
        Assert.Equal("ACTIVE", described.GetProperty("StreamDescription").GetProperty("StreamStatus").GetString());
        var data = Encoding.UTF8.GetBytes("hello, stream");
        var (shard, sequence) = await Client.PutAsync("roundtrip", "user-1", data);
        Assert.Equal("shardId-000000000000", shard);

        var records = await Client.ReadShardAsync("roundtrip", shard);
        var record = Assert.Single(records);
        Assert.Equal(sequence, record.SequenceNumber);
        Assert.Equal("user-1", record.PartitionKey);
        Assert.Equal(data, record.Data);
        Assert.InRange(record.Arrival, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), shared.Host.Clock.GetUtcNow().AddMinutes(1).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Records_of_a_shard_come_back_in_put_order_with_increasing_sequence_numbers()
    {
        await Client.CreateStreamAsync("ordering", 2);
        var sent = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            await Client.PutAsync("ordering", "same-key", Encoding.UTF8.GetBytes($"single {i}"));
            sent.Add($"single {i}");
        }
        for (var batch = 0; batch < 5; batch++)
        {
            // Records of all sizes, some spanning pages (16 KiB), in one PutRecords each.
            var records = Enumerable.Range(0, 40).Select(i => ("same-key", Encoding.UTF8.GetBytes($"batch {batch} record {i} " + new string('x', (i * 997) % 20_000)))).ToList();
            var reply = await Client.PutBatchAsync("ordering", records);
            Assert.Equal(0, reply.GetProperty("FailedRecordCount").GetInt32());
            sent.AddRange(records.Select(r => Encoding.UTF8.GetString(r.Item2)));
        }
        var shard = (await Client.PutAsync("ordering", "same-key", "last"u8.ToArray())).ShardId;
        sent.Add("last");

        var read = await Client.ReadShardAsync("ordering", shard);
        Assert.Equal(sent, read.Select(r => Encoding.UTF8.GetString(r.Data)));
        var numbers = read.Select(r => BigInteger.Parse(r.SequenceNumber, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(numbers.Zip(numbers.Skip(1)).All(p => p.First < p.Second), "sequence numbers must increase within a shard");
        var other = shard == "shardId-000000000000" ? "shardId-000000000001" : "shardId-000000000000";
        Assert.Empty(await Client.ReadShardAsync("ordering", other));
    }

    [Fact]
    public async Task Partition_keys_spread_records_over_shards_by_MD5_hash_key_range_and_explicit_hash_keys_are_honoured()
    {
        await Client.CreateStreamAsync("spread", 4);
        var shards = (await Client.OkAsync("ListShards", new JsonObject { ["StreamName"] = "spread" })).GetProperty("Shards").EnumerateArray()
            .Select(s => (Id: s.GetProperty("ShardId").GetString()!,
                Start: BigInteger.Parse(s.GetProperty("HashKeyRange").GetProperty("StartingHashKey").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                End: BigInteger.Parse(s.GetProperty("HashKeyRange").GetProperty("EndingHashKey").GetString()!, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Equal(4, shards.Count);
        Assert.Equal(BigInteger.Zero, shards[0].Start);
        Assert.Equal((BigInteger.One << 128) - 1, shards[^1].End);

        var keys = Enumerable.Range(0, 200).Select(i => $"key-{i}").ToList();
        var reply = await Client.PutBatchAsync("spread", keys.Select(k => (k, Encoding.UTF8.GetBytes(k))));
        var placed = reply.GetProperty("Records").EnumerateArray().Select(r => r.GetProperty("ShardId").GetString()!).ToList();
        for (var i = 0; i < keys.Count; i++)
        {
            var hash = new BigInteger(MD5.HashData(Encoding.UTF8.GetBytes(keys[i])), isUnsigned: true, isBigEndian: true);
            Assert.Equal(shards.Single(s => s.Start <= hash && hash <= s.End).Id, placed[i]);
        }
        Assert.All(shards, s => Assert.InRange(placed.Count(p => p == s.Id), 20, 80));

        foreach (var s in shards)
        {
            var read = await Client.ReadShardAsync("spread", s.Id);
            Assert.Equal(keys.Where((_, i) => placed[i] == s.Id), read.Select(r => r.PartitionKey));
        }

        var (explicitShard, _) = await Client.PutAsync("spread", "key-0", "x"u8.ToArray(), explicitHashKey: shards[3].Start.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(shards[3].Id, explicitShard);
    }

    [Fact]
    public async Task Streams_are_listed_described_and_deleted()
    {
        await Client.CreateStreamAsync("listed-a", 1);
        await Client.CreateStreamAsync("listed-b", 3);
        var summary = await Client.OkAsync("DescribeStreamSummary", new JsonObject { ["StreamName"] = "listed-b" });
        Assert.Equal(3, summary.GetProperty("StreamDescriptionSummary").GetProperty("OpenShardCount").GetInt32());
        var names = (await Client.OkAsync("ListStreams", new JsonObject())).GetProperty("StreamNames").EnumerateArray().Select(n => n.GetString()).ToList();
        Assert.Contains("listed-a", names);
        Assert.Contains("listed-b", names);

        var page = await Client.OkAsync("ListShards", new JsonObject { ["StreamName"] = "listed-b", ["MaxResults"] = 2 });
        Assert.Equal(2, page.GetProperty("Shards").GetArrayLength());
        var rest = await Client.OkAsync("ListShards", new JsonObject { ["NextToken"] = page.GetProperty("NextToken").GetString() });
        Assert.Equal("shardId-000000000002", Assert.Single(rest.GetProperty("Shards").EnumerateArray()).GetProperty("ShardId").GetString());

        await Client.OkAsync("DeleteStream", new JsonObject { ["StreamName"] = "listed-a" });
        await Client.FailsAsync("DescribeStream", new JsonObject { ["StreamName"] = "listed-a" }, "ResourceNotFoundException");
        var byArn = await Client.OkAsync("DescribeStreamSummary", new JsonObject { ["StreamARN"] = "arn:aws:kinesis:us-east-1:000000000000:stream/listed-b" });
        Assert.Equal("listed-b", byArn.GetProperty("StreamDescriptionSummary").GetProperty("StreamName").GetString());
    }
}
