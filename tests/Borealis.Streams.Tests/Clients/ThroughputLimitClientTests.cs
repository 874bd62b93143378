using System.Text.Json;
using Borealis.Streams.Tests.Support;
using Borealis.Streams.Throughput;

namespace Borealis.Streams.Tests.Clients;

/// <summary>The AWS CLI and boto3 meet Kinesis's per-shard limits as they would in AWS: the error type they branch on.</summary>
public sealed class ThroughputLimitClientTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("borealis-streams-limit-clients");
    private StreamsTestHost _host = null!;

    public async Task InitializeAsync() => _host = await StreamsTestHost.StartAsync(_dir.Path, o => o with { ShardThroughput = ShardThroughputLimits.Aws });

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _dir.Dispose();
    }

    /// <summary>No retries: the SDKs retry this error by default, and a retry a second later would pass.</summary>
    private Dictionary<string, string> Environment => new(ExternalTool.AwsEnvironment(_host.Streams.CredentialsPath))
    {
        ["AWS_MAX_ATTEMPTS"] = "1",
        ["AWS_RETRY_MODE"] = "standard",
    };

    /// <summary>One PutRecords call: a CLI process starts too slowly (a second or more here) for two puts in a row to find the bucket still empty.</summary>
    [AwsCliFact]
    public async Task The_AWS_CLI_sees_ProvisionedThroughputExceededException_when_a_shard_is_over_1_MiB_a_second()
    {
        var aws = ExternalTool.Find("aws")!;
        string[] common = ["--endpoint-url", _host.Streams.Endpoint.ToString(), "--output", "json", "kinesis"];
        var create = await ExternalTool.RunAsync(aws, [.. common, "create-stream", "--stream-name", "cli-limited", "--shard-count", "1"], Environment);
        Assert.True(create.ExitCode == 0, create.Stderr);
        // Blobs in --cli-input-json are base64 (CLI v1 and v2 alike).
        var data = Convert.ToBase64String(new byte[700 * 1024]);
        var input = Path.Combine(_dir.Path, "put.json");
        await File.WriteAllTextAsync(input, $$"""{"StreamName": "cli-limited", "Records": [{"Data": "{{data}}", "PartitionKey": "k"}, {"Data": "{{data}}", "PartitionKey": "k"}]}""");
        var put = await ExternalTool.RunAsync(aws, [.. common, "put-records", "--cli-input-json", $"file://{input}"], Environment);
        Assert.True(put.ExitCode == 0, put.Stderr);
        using var output = JsonDocument.Parse(put.Stdout);
        Assert.Equal(1, output.RootElement.GetProperty("FailedRecordCount").GetInt32());
        Assert.Equal("ProvisionedThroughputExceededException", output.RootElement.GetProperty("Records")[1].GetProperty("ErrorCode").GetString());
    }

    [Boto3Fact]
    public async Task Boto3_sees_refused_records_a_refused_put_and_throttled_reads()
    {
        const string script = """
            import json, sys, boto3
            from botocore.config import Config
            k = boto3.client("kinesis", endpoint_url=sys.argv[1], config=Config(retries={"total_max_attempts": 1}))
            k.create_stream(StreamName="boto-limited", ShardCount=1)
            put = k.put_records(StreamName="boto-limited", Records=[{"Data": bytes(600 * 1024), "PartitionKey": "k"} for _ in range(3)])
            # Each admitted put of ~1 MB empties the bucket for about a second: puts in a row meet the
            # limit unless every gap between them is that long (a slow machine may make one so).
            single = "no error"
            for _ in range(10):
                try:
                    k.put_record(StreamName="boto-limited", Data=bytes(1000 * 1000), PartitionKey="k")
                except k.exceptions.ProvisionedThroughputExceededException as e:
                    single = e.response["Error"]["Code"]
                    break
            shard = k.list_shards(StreamName="boto-limited")["Shards"][0]["ShardId"]
            it = k.get_shard_iterator(StreamName="boto-limited", ShardId=shard, ShardIteratorType="LATEST")["ShardIterator"]
            throttled = 0
            for _ in range(60):
                try:
                    it = k.get_records(ShardIterator=it)["NextShardIterator"]
                except k.exceptions.ProvisionedThroughputExceededException:
                    throttled += 1
            print(json.dumps({"failed": put["FailedRecordCount"], "codes": [r.get("ErrorCode") for r in put["Records"]], "throttled": throttled, "single": single}))
            """;
        var result = await ExternalTool.RunAsync(ExternalTool.Find("python3")!, ["-", _host.Streams.Endpoint.ToString()], Environment, stdin: script);
        Assert.True(result.ExitCode == 0, $"python3 exited {result.ExitCode}: {result.Stderr}");
        using var output = JsonDocument.Parse(result.Stdout.Trim().Split('\n')[^1]);
        Assert.Equal(2, output.RootElement.GetProperty("failed").GetInt32());
        Assert.Equal([null, "ProvisionedThroughputExceededException", "ProvisionedThroughputExceededException"],
            output.RootElement.GetProperty("codes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("ProvisionedThroughputExceededException", output.RootElement.GetProperty("single").GetString());
        Assert.True(output.RootElement.GetProperty("throttled").GetInt32() > 0, result.Stdout);
    }
}
