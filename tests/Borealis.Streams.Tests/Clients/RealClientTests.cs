using System.Text;
using System.Text.Json;
using Borealis.Streams.Tests.Support;

namespace Borealis.Streams.Tests.Clients;

/// <summary>The AWS CLI and boto3, unchanged, against Borealis Streams: the evidence that real clients work.</summary>
public sealed class RealClientTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("borealis-streams-clients");
    private StreamsTestHost _host = null!;

    public async Task InitializeAsync() => _host = await StreamsTestHost.StartAsync(_dir.Path);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _dir.Dispose();
    }

    private Dictionary<string, string> Environment => ExternalTool.AwsEnvironment(_host.Streams.CredentialsPath);

    private async Task<JsonElement> AwsAsync(params string[] arguments)
    {
        var result = await ExternalTool.RunAsync(ExternalTool.Find("aws")!, ["--endpoint-url", _host.Streams.Endpoint.ToString(), "--output", "json", "kinesis", .. arguments], Environment);
        Assert.True(result.ExitCode == 0, $"aws kinesis {string.Join(' ', arguments)} exited {result.ExitCode}: {result.Stderr}");
        using var document = JsonDocument.Parse(result.Stdout.Trim().Length == 0 ? "{}" : result.Stdout);
        return document.RootElement.Clone();
    }

    [AwsCliFact]
    public async Task The_AWS_CLI_creates_a_stream_puts_and_reads_records_and_sees_AWS_errors()
    {
        var version = await ExternalTool.RunAsync(ExternalTool.Find("aws")!, ["--version"], Environment);
        // CLI v2 takes blobs as base64 unless told otherwise; v1 always takes them raw.
        string[] rawBlobs = (version.Stdout + version.Stderr).Contains("aws-cli/1.", StringComparison.Ordinal) ? [] : ["--cli-binary-format", "raw-in-base64-out"];

        await AwsAsync("create-stream", "--stream-name", "cli", "--shard-count", "2");
        await AwsAsync("wait", "stream-exists", "--stream-name", "cli");
        Assert.Contains("cli", (await AwsAsync("list-streams")).GetProperty("StreamNames").EnumerateArray().Select(n => n.GetString()));
        var put = await AwsAsync(["put-record", "--stream-name", "cli", "--partition-key", "pk", "--data", "hello from the cli", .. rawBlobs]);
        var shard = put.GetProperty("ShardId").GetString()!;
        await AwsAsync(["put-records", "--stream-name", "cli", "--records", "Data=second,PartitionKey=pk", "Data=third,PartitionKey=pk", .. rawBlobs]);

        var iterator = (await AwsAsync("get-shard-iterator", "--stream-name", "cli", "--shard-id", shard, "--shard-iterator-type", "TRIM_HORIZON")).GetProperty("ShardIterator").GetString()!;
        var records = (await AwsAsync("get-records", "--shard-iterator", iterator)).GetProperty("Records").EnumerateArray().ToList();
        Assert.Equal(["hello from the cli", "second", "third"], records.Select(r => Encoding.UTF8.GetString(r.GetProperty("Data").GetBytesFromBase64())));
        Assert.Equal(put.GetProperty("SequenceNumber").GetString(), records[0].GetProperty("SequenceNumber").GetString());

        var missing = await ExternalTool.RunAsync(ExternalTool.Find("aws")!, ["--endpoint-url", _host.Streams.Endpoint.ToString(), "kinesis", "describe-stream", "--stream-name", "nope"], Environment);
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("ResourceNotFoundException", missing.Stderr, StringComparison.Ordinal);
        await AwsAsync("delete-stream", "--stream-name", "cli");
    }

    [NodeSdkFact]
    public async Task The_AWS_SDK_for_JavaScript_puts_and_reads_every_record_in_order()
    {
        var dir = NodeSdkFactAttribute.NodeClientDirectory!;
        var result = await ExternalTool.RunAsync(ExternalTool.Find("node")!, [Path.Combine(dir, "kinesis-client.mjs"), _host.Streams.Endpoint.ToString()], Environment);
        Assert.True(result.ExitCode == 0, $"node exited {result.ExitCode}: {result.Stderr}");
        using var output = JsonDocument.Parse(result.Stdout.Trim().Split('\n')[^1]);
        Assert.Equal("ResourceNotFoundException", output.RootElement.GetProperty("missing").GetString());
        var seen = output.RootElement.GetProperty("seen").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(n => n.GetInt32()).ToList());
        Assert.Equal(5, seen.Count);
        foreach (var (key, numbers) in seen)
            Assert.Equal(Enumerable.Range(0, 51).Where(i => $"key-{i % 5}" == key), numbers);
    }

    [Boto3Fact]
    public async Task Boto3_puts_a_batch_and_a_consumer_reads_every_shard_in_order()
    {
        const string script = """
            import json, sys, boto3
            endpoint = sys.argv[1]
            k = boto3.client("kinesis", endpoint_url=endpoint)
            k.create_stream(StreamName="boto", ShardCount=3)
            k.get_waiter("stream_exists").wait(StreamName="boto")
            put = k.put_records(StreamName="boto", Records=[{"Data": f"r{i}".encode(), "PartitionKey": f"key-{i % 7}"} for i in range(100)])
            assert put["FailedRecordCount"] == 0, put
            seen = {}
            for shard in k.list_shards(StreamName="boto")["Shards"]:
                it = k.get_shard_iterator(StreamName="boto", ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
                while True:
                    out = k.get_records(ShardIterator=it, Limit=9)
                    it = out["NextShardIterator"]
                    if not out["Records"]:
                        break
                    for r in out["Records"]:
                        seen.setdefault(r["PartitionKey"], []).append(int(r["Data"].decode()[1:]))
            try:
                k.describe_stream(StreamName="nope")
                print("no error")
            except k.exceptions.ResourceNotFoundException:
                pass
            print(json.dumps(seen))
            """;
        var result = await ExternalTool.RunAsync(ExternalTool.Find("python3")!, ["-", _host.Streams.Endpoint.ToString()], Environment, stdin: script);
        Assert.True(result.ExitCode == 0, $"python3 exited {result.ExitCode}: {result.Stderr}");
        var seen = JsonSerializer.Deserialize<Dictionary<string, int[]>>(result.Stdout.Trim().Split('\n')[^1])!;
        Assert.Equal(7, seen.Count);
        foreach (var (key, numbers) in seen)
            Assert.Equal(Enumerable.Range(0, 100).Where(i => $"key-{i % 7}" == key), numbers);
    }
}
