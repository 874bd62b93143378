using System.Text.Json;
using System.Text.Json.Nodes;
using Borealis.Streams.Tests.Support;

namespace Borealis.Streams.Tests.Api;

/// <summary>Tags, DescribeLimits, UpdateStreamMode and the ARN-addressed forms; what they change must survive a restart (a fleet of its own).</summary>
public sealed class TagsLimitsAndModeTests : IDisposable
{
    private const string Arn = "arn:aws:kinesis:us-east-1:000000000000:stream/";
    private readonly TempDirectory _dir = new("borealis-streams-tags");

    public void Dispose() => _dir.Dispose();

    private static async Task<List<(string Key, string Value)>> TagsAsync(KinesisClient client, string stream, int? limit = null, string? after = null)
    {
        var request = new JsonObject { ["StreamName"] = stream };
        if (limit is not null) request["Limit"] = limit;
        if (after is not null) request["ExclusiveStartTagKey"] = after;
        var reply = await client.OkAsync("ListTagsForStream", request);
        return [.. reply.GetProperty("Tags").EnumerateArray().Select(t => (t.GetProperty("Key").GetString()!, t.GetProperty("Value").GetString()!))];
    }

    private static JsonObject TagMap(IEnumerable<(string Key, string Value)> tags)
    {
        var map = new JsonObject();
        foreach (var (key, value) in tags) map[key] = value;
        return map;
    }

    [Fact]
    public async Task Tags_are_added_overwritten_listed_in_pages_removed_and_limited_as_in_Kinesis_and_survive_a_restart()
    {
        var host = await StreamsTestHost.StartAsync(_dir.Path);
        try
        {
            var client = host.Client;
            await client.OkAsync("CreateStream", new JsonObject { ["StreamName"] = "tagged", ["ShardCount"] = 1, ["Tags"] = TagMap([("team", "ingest")]) });
            await client.OkAsync("AddTagsToStream", new JsonObject { ["StreamName"] = "tagged", ["Tags"] = TagMap([("env", "test"), ("team", "streams")]) });
            Assert.Equal([("env", "test"), ("team", "streams")], await TagsAsync(client, "tagged"));
            var page = await client.OkAsync("ListTagsForStream", new JsonObject { ["StreamName"] = "tagged", ["Limit"] = 1 });
            Assert.True(page.GetProperty("HasMoreTags").GetBoolean());
            Assert.Equal([("team", "streams")], await TagsAsync(client, "tagged", 1, "env"));

            await client.OkAsync("RemoveTagsFromStream", new JsonObject { ["StreamName"] = "tagged", ["TagKeys"] = new JsonArray("env", "not-there") });
            Assert.Equal([("team", "streams")], await TagsAsync(client, "tagged"));

            // 50 tags a stream: 49 more fit, one beyond does not, and a failed call changes nothing.
            await client.OkAsync("AddTagsToStream", new JsonObject { ["StreamName"] = "tagged", ["Tags"] = TagMap(Enumerable.Range(0, 49).Select(i => ($"k{i:D2}", $"v {i}"))) });
            Assert.Contains("cannot have more than 50 tags",
                (await client.FailsAsync("AddTagsToStream", new JsonObject { ["StreamName"] = "tagged", ["Tags"] = TagMap([("one-too-many", "")]) }, "InvalidArgumentException")).Message);
            Assert.Equal(50, (await TagsAsync(client, "tagged")).Count);

            await client.FailsAsync("AddTagsToStream", new JsonObject { ["StreamName"] = "tagged", ["Tags"] = TagMap([(new string('k', 129), "v")]) }, "ValidationException");
            await client.FailsAsync("AddTagsToStream", new JsonObject { ["StreamName"] = "tagged", ["Tags"] = TagMap([("k", new string('v', 257))]) }, "ValidationException");
            await client.FailsAsync("AddTagsToStream", new JsonObject { ["StreamName"] = "tagged", ["Tags"] = new JsonObject() }, "ValidationException");
            await client.FailsAsync("AddTagsToStream", new JsonObject { ["StreamName"] = "tagged" }, "ValidationException");
            await client.FailsAsync("AddTagsToStream", new JsonObject { ["StreamName"] = "tagged", ["Tags"] = TagMap([("a#b", "v")]) }, "InvalidArgumentException");
            await client.FailsAsync("AddTagsToStream", new JsonObject { ["StreamName"] = "tagged", ["Tags"] = new JsonArray("x") }, "SerializationException");
            await client.FailsAsync("RemoveTagsFromStream", new JsonObject { ["StreamName"] = "tagged" }, "ValidationException");
            await client.FailsAsync("ListTagsForStream", new JsonObject { ["StreamName"] = "tagged", ["Limit"] = 51 }, "ValidationException");
            await client.FailsAsync("AddTagsToStream", new JsonObject { ["StreamName"] = "untagged", ["Tags"] = TagMap([("a", "b")]) }, "ResourceNotFoundException");

            // The resource-ARN forms.
            await client.OkAsync("UntagResource", new JsonObject { ["ResourceARN"] = Arn + "tagged", ["TagKeys"] = new JsonArray([.. Enumerable.Range(0, 49).Select(i => (JsonNode)$"k{i:D2}")]) });
            await client.OkAsync("TagResource", new JsonObject { ["ResourceARN"] = Arn + "tagged", ["Tags"] = TagMap([("owner", "me")]) });
            var byResource = await client.OkAsync("ListTagsForResource", new JsonObject { ["ResourceARN"] = Arn + "tagged" });
            Assert.Equal(["owner", "team"], byResource.GetProperty("Tags").EnumerateArray().Select(t => t.GetProperty("Key").GetString()));
            await client.FailsAsync("ListTagsForResource", new JsonObject { ["ResourceARN"] = Arn + "tagged/consumer/c:1" }, "ResourceNotFoundException");

            await host.RestartAsync();

            Assert.Equal([("owner", "me"), ("team", "streams")], await TagsAsync(host.Client, "tagged"));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task DescribeLimits_counts_open_shards_and_on_demand_streams_and_the_limits_hold()
    {
        var host = await StreamsTestHost.StartAsync(_dir.Path, o => o with { MaxShards = 6, MaxOnDemandStreams = 1 });
        try
        {
            var client = host.Client;
            async Task<JsonElement> LimitsAsync() => await client.OkAsync("DescribeLimits", []);
            var empty = await LimitsAsync();
            Assert.Equal(6, empty.GetProperty("ShardLimit").GetInt32());
            Assert.Equal(0, empty.GetProperty("OpenShardCount").GetInt32());
            Assert.Equal(1, empty.GetProperty("OnDemandStreamCountLimit").GetInt32());

            await client.CreateStreamAsync("limited", 2);
            await client.OkAsync("CreateStream", new JsonObject { ["StreamName"] = "on-demand", ["StreamModeDetails"] = new JsonObject { ["StreamMode"] = "ON_DEMAND" } });
            var used = await LimitsAsync();
            Assert.Equal(6, used.GetProperty("OpenShardCount").GetInt32());
            Assert.Equal(1, used.GetProperty("OnDemandStreamCount").GetInt32());

            Assert.Contains("shard limit for the account", (await client.FailsAsync("CreateStream", new JsonObject { ["StreamName"] = "one-more", ["ShardCount"] = 1 }, "LimitExceededException")).Message);
            await client.FailsAsync("UpdateStreamMode", new JsonObject { ["StreamARN"] = Arn + "limited", ["StreamModeDetails"] = new JsonObject { ["StreamMode"] = "ON_DEMAND" } }, "LimitExceededException");
            await client.FailsAsync("DescribeStreamSummary", new JsonObject { ["StreamName"] = "one-more" }, "ResourceNotFoundException");
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task UpdateStreamMode_switches_by_ARN_checks_its_input_and_survives_a_restart()
    {
        var host = await StreamsTestHost.StartAsync(_dir.Path);
        try
        {
            var client = host.Client;
            await client.CreateStreamAsync("moded", 2);
            async Task<string> ModeAsync(KinesisClient c) => (await c.OkAsync("DescribeStreamSummary", new JsonObject { ["StreamName"] = "moded" }))
                .GetProperty("StreamDescriptionSummary").GetProperty("StreamModeDetails").GetProperty("StreamMode").GetString()!;
            Assert.Equal("PROVISIONED", await ModeAsync(client));

            await client.OkAsync("UpdateStreamMode", new JsonObject { ["StreamARN"] = Arn + "moded", ["StreamModeDetails"] = new JsonObject { ["StreamMode"] = "ON_DEMAND" } });
            Assert.Equal("ON_DEMAND", await ModeAsync(client));
            await client.FailsAsync("UpdateStreamMode", new JsonObject { ["StreamARN"] = Arn + "moded", ["StreamModeDetails"] = new JsonObject { ["StreamMode"] = "SOMETIMES" } }, "ValidationException");
            await client.FailsAsync("UpdateStreamMode", new JsonObject { ["StreamModeDetails"] = new JsonObject { ["StreamMode"] = "ON_DEMAND" } }, "ValidationException");
            await client.FailsAsync("UpdateStreamMode", new JsonObject { ["StreamARN"] = Arn + "moded" }, "ValidationException");
            await client.FailsAsync("UpdateStreamMode", new JsonObject { ["StreamARN"] = Arn + "absent", ["StreamModeDetails"] = new JsonObject { ["StreamMode"] = "ON_DEMAND" } }, "ResourceNotFoundException");

            await host.RestartAsync();

            Assert.Equal("ON_DEMAND", await ModeAsync(host.Client));
            Assert.Equal(2, (await host.Client.OkAsync("ListShards", new JsonObject { ["StreamName"] = "moded" })).GetProperty("Shards").GetArrayLength());
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Every_operation_that_names_a_stream_takes_its_ARN_instead_and_a_mismatch_is_refused()
    {
        var host = await StreamsTestHost.StartAsync(_dir.Path);
        try
        {
            var client = host.Client;
            var arn = Arn + "by-arn";
            await client.OkAsync("CreateStream", new JsonObject { ["StreamName"] = "by-arn", ["ShardCount"] = 1 });
            await client.CreateStreamAsync("other", 1);
            JsonObject ByArn(JsonObject more)
            {
                more["StreamARN"] = arn;
                return more;
            }
            Assert.Equal("by-arn", (await client.OkAsync("DescribeStream", ByArn([]))).GetProperty("StreamDescription").GetProperty("StreamName").GetString());
            await client.OkAsync("DescribeStreamSummary", ByArn([]));
            await client.OkAsync("ListShards", ByArn([]));
            var put = await client.OkAsync("PutRecord", ByArn(new JsonObject { ["PartitionKey"] = "k", ["Data"] = "AQI=" }));
            await client.OkAsync("PutRecords", ByArn(new JsonObject { ["Records"] = new JsonArray(new JsonObject { ["PartitionKey"] = "k", ["Data"] = "AwQ=" }) }));
            var iterator = (await client.OkAsync("GetShardIterator", ByArn(new JsonObject { ["ShardId"] = "shardId-000000000000", ["ShardIteratorType"] = "TRIM_HORIZON" })))
                .GetProperty("ShardIterator").GetString()!;
            var read = await client.OkAsync("GetRecords", ByArn(new JsonObject { ["ShardIterator"] = iterator }));
            Assert.Equal(put.GetProperty("SequenceNumber").GetString(), read.GetProperty("Records")[0].GetProperty("SequenceNumber").GetString());
            await client.OkAsync("IncreaseStreamRetentionPeriod", ByArn(new JsonObject { ["RetentionPeriodHours"] = 48 }));
            await client.OkAsync("AddTagsToStream", ByArn(new JsonObject { ["Tags"] = TagMap([("a", "b")]) }));
            Assert.Equal(1, (await client.OkAsync("ListTagsForStream", ByArn([]))).GetProperty("Tags").GetArrayLength());

            await client.FailsAsync("GetRecords", new JsonObject { ["ShardIterator"] = iterator, ["StreamARN"] = Arn + "other" }, "InvalidArgumentException");
            await client.FailsAsync("DescribeStreamSummary", new JsonObject { ["StreamName"] = "other", ["StreamARN"] = arn }, "InvalidArgumentException");
            await client.FailsAsync("DescribeStreamSummary", new JsonObject { ["StreamARN"] = "arn:aws:kinesis:eu-west-1:000000000000:stream/by-arn" }, "InvalidArgumentException");
            await client.OkAsync("DeleteStream", ByArn([]));
            await client.FailsAsync("DescribeStreamSummary", ByArn([]), "ResourceNotFoundException");
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
