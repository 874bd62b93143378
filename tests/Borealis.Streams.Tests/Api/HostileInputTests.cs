using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Borealis.Streams.Tests.Support;

namespace Borealis.Streams.Tests.Api;

/// <summary>Input from the network never gets a 500 or a dropped connection: wrong types and odd values are client errors.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class HostileInputTests(SharedHost shared)
{
    private KinesisClient Client => shared.Client;

    public static TheoryData<string, string> Bodies() => new()
    {
        { "CreateStream", """{"StreamName": 5, "ShardCount": 1}""" },
        { "CreateStream", """{"StreamName": "h", "ShardCount": "1"}""" },
        { "CreateStream", """{"StreamName": "h", "ShardCount": 1.5}""" },
        { "CreateStream", """{"StreamName": "h", "StreamModeDetails": 3}""" },
        { "CreateStream", """{"StreamName": "h", "StreamModeDetails": {"StreamMode": "SOMETIMES"}}""" },
        { "CreateStream", """{"StreamName": "h", "ShardCount": 99999999999}""" },
        { "DescribeStream", """{"StreamName": "hostile", "Limit": -1}""" },
        { "DescribeStream", """[1, 2, 3]""" },
        { "ListStreams", """{"NextToken": "%%%"}""" },
        { "ListShards", """{"StreamName": "hostile", "ShardFilter": 3}""" },
        { "ListShards", """{"NextToken": "bm90aGluZw=="}""" },
        { "PutRecord", """{"StreamName": "hostile", "PartitionKey": {}, "Data": "eA=="}""" },
        { "PutRecords", """{"StreamName": "hostile", "Records": "all of them"}""" },
        { "PutRecords", """{"StreamName": "hostile", "Records": [1, 2]}""" },
        { "PutRecords", """{"StreamName": "hostile", "Records": [{"PartitionKey": "k", "Data": "eA==", "ExplicitHashKey": "12x"}]}""" },
        { "GetShardIterator", """{"StreamName": "hostile", "ShardId": "shardId-000000000000", "ShardIteratorType": "AT_TIMESTAMP", "Timestamp": 1e300}""" },
        { "GetShardIterator", """{"StreamName": "hostile", "ShardId": "shardId-000000000000", "ShardIteratorType": "AT_TIMESTAMP", "Timestamp": "yesterday"}""" },
        { "GetShardIterator", """{"StreamName": "hostile", "ShardId": "shardId-99999999999999", "ShardIteratorType": "LATEST"}""" },
        { "GetRecords", """{"ShardIterator": 12}""" },
        { "GetRecords", """{"ShardIterator": "AAAA"}""" },
        { "GetRecords", """{}""" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Malformed_members_are_answered_with_a_400_AWS_error(string operation, string body)
    {
        if (shared.Host.Streams.Service.Catalog.Find("hostile") is null)
        {
            var created = await Client.CallAsync("CreateStream", new JsonObject { ["StreamName"] = "hostile", ["ShardCount"] = 1 });
            Assert.True(created.Status == HttpStatusCode.OK || created.ErrorType == "ResourceInUseException", created.Body.ToString());
        }
        var reply = await Client.SendRawAsync(operation, Encoding.UTF8.GetBytes(body), sign: true);
        Assert.True(reply.Status == HttpStatusCode.BadRequest && reply.ErrorType is not null, $"{operation} {body}: {(int)reply.Status} {reply.Body}");
    }

    [Fact]
    public async Task An_ON_DEMAND_stream_starts_with_four_shards()
    {
        await Client.OkAsync("CreateStream", new JsonObject { ["StreamName"] = "on-demand", ["StreamModeDetails"] = new JsonObject { ["StreamMode"] = "ON_DEMAND" } });
        var summary = (await Client.OkAsync("DescribeStreamSummary", new JsonObject { ["StreamName"] = "on-demand" })).GetProperty("StreamDescriptionSummary");
        Assert.Equal(4, summary.GetProperty("OpenShardCount").GetInt32());
        Assert.Equal("ON_DEMAND", summary.GetProperty("StreamModeDetails").GetProperty("StreamMode").GetString());
    }
}
