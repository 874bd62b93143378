using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Borealis.Streams.Tests.Support;

namespace Borealis.Streams.Tests.Api;

[Collection(SharedHostCollection.Name)]
public sealed class ErrorTests(SharedHost shared)
{
    private KinesisClient Client => shared.Client;

    private static JsonObject ListStreams() => [];

    [Fact]
    public async Task A_request_signed_with_the_wrong_secret_or_key_or_not_signed_is_refused_as_AWS_refuses_it()
    {
        var wrongSecret = await Client.CallAsync("ListStreams", ListStreams(), secretOverride: "not-the-secret");
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidSignatureException"), (wrongSecret.Status, wrongSecret.ErrorType));
        var wrongKey = await Client.CallAsync("ListStreams", ListStreams(), keyOverride: "AKIAUNKNOWNUNKNOWN00");
        Assert.Equal((HttpStatusCode.BadRequest, "UnrecognizedClientException"), (wrongKey.Status, wrongKey.ErrorType));
        var unsigned = await Client.SendRawAsync("ListStreams", "{}"u8.ToArray(), sign: false);
        Assert.Equal((HttpStatusCode.BadRequest, "MissingAuthenticationTokenException"), (unsigned.Status, unsigned.ErrorType));
        Assert.Equal(HttpStatusCode.OK, (await Client.CallAsync("ListStreams", ListStreams())).Status);
    }

    [Fact]
    public async Task Unknown_streams_existing_names_unbuilt_operations_and_malformed_bodies_get_their_AWS_errors()
    {
        await Client.FailsAsync("DescribeStream", new JsonObject { ["StreamName"] = "no-such-stream" }, "ResourceNotFoundException");
        await Client.FailsAsync("PutRecord", new JsonObject { ["StreamName"] = "no-such-stream", ["PartitionKey"] = "k", ["Data"] = "eA==" }, "ResourceNotFoundException");
        await Client.FailsAsync("GetShardIterator", new JsonObject { ["StreamName"] = "no-such-stream", ["ShardId"] = "shardId-000000000000", ["ShardIteratorType"] = "LATEST" }, "ResourceNotFoundException");
        await Client.FailsAsync("DeleteStream", new JsonObject { ["StreamName"] = "no-such-stream" }, "ResourceNotFoundException");

        await Client.CreateStreamAsync("taken", 1);
        await Client.FailsAsync("CreateStream", new JsonObject { ["StreamName"] = "taken", ["ShardCount"] = 1 }, "ResourceInUseException");
        await Client.FailsAsync("CreateStream", new JsonObject { ["StreamName"] = "bad name!", ["ShardCount"] = 1 }, "ValidationException");
        await Client.FailsAsync("CreateStream", new JsonObject { ["StreamName"] = "zero", ["ShardCount"] = 0 }, "ValidationException");
        await Client.FailsAsync("CreateStream", new JsonObject { ["StreamName"] = "huge", ["ShardCount"] = 100_000 }, "LimitExceededException");

        var unbuilt = await Client.FailsAsync("StartStreamEncryption", new JsonObject { ["StreamName"] = "taken", ["EncryptionType"] = "KMS", ["KeyId"] = "alias/aws/kinesis" }, "UnknownOperationException");
        Assert.Contains("StartStreamEncryption", unbuilt.Message, StringComparison.Ordinal);
        await Client.FailsAsync("NoSuchOperation", [], "UnknownOperationException");

        var malformed = await Client.SendRawAsync("ListStreams", "{not json"u8.ToArray(), sign: true);
        Assert.Equal((HttpStatusCode.BadRequest, "SerializationException"), (malformed.Status, malformed.ErrorType));
        await Client.FailsAsync("PutRecord", new JsonObject { ["StreamName"] = "taken", ["PartitionKey"] = "k", ["Data"] = "!!!not base64" }, "SerializationException");
        await Client.FailsAsync("PutRecord", new JsonObject { ["StreamName"] = "taken", ["PartitionKey"] = "k", ["Data"] = "eA==", ["ExplicitHashKey"] = "340282366920938463463374607431768211456" }, "InvalidArgumentException");
    }

    [Fact]
    public async Task PutRecords_that_break_the_schema_fail_whole_and_write_nothing()
    {
        await Client.CreateStreamAsync("validated", 1);
        JsonObject Record(string key, int bytes = 1) => new() { ["PartitionKey"] = key, ["Data"] = Convert.ToBase64String(new byte[bytes]) };

        var longKey = await Client.FailsAsync("PutRecords", new JsonObject
        {
            ["StreamName"] = "validated",
            ["Records"] = new JsonArray(Record("fine"), Record("also fine"), Record(new string('k', 257))),
        }, "ValidationException");
        Assert.Contains("records.3.member.partitionKey", longKey.Message, StringComparison.Ordinal);

        var tooMany = new JsonArray();
        for (var i = 0; i < 501; i++) tooMany.Add(Record("k"));
        await Client.FailsAsync("PutRecords", new JsonObject { ["StreamName"] = "validated", ["Records"] = tooMany }, "ValidationException");
        await Client.FailsAsync("PutRecords", new JsonObject { ["StreamName"] = "validated", ["Records"] = new JsonArray() }, "ValidationException");

        var tooBig = new JsonArray();
        for (var i = 0; i < 6; i++) tooBig.Add(Record("k", 1024 * 1024));
        await Client.FailsAsync("PutRecords", new JsonObject { ["StreamName"] = "validated", ["Records"] = tooBig }, "InvalidArgumentException");
        await Client.FailsAsync("PutRecords", new JsonObject { ["StreamName"] = "validated", ["Records"] = new JsonArray(Record("k", 1024 * 1024 + 1)) }, "ValidationException");

        Assert.Empty(await Client.ReadShardAsync("validated", "shardId-000000000000"));
        var ok = await Client.PutBatchAsync("validated", [("a", Encoding.UTF8.GetBytes("1")), ("b", new byte[1024 * 1024])]);
        Assert.Equal(0, ok.GetProperty("FailedRecordCount").GetInt32());
        Assert.Equal(2, (await Client.ReadShardAsync("validated", "shardId-000000000000")).Count);
    }
}
