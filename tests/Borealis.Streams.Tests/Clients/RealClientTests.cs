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

    [Boto3Fact]
    public async Task Boto3_reshards_tags_and_changes_retention_and_mode_and_a_reader_follows_the_lineage()
    {
        const string script = """
            import json, sys, boto3
            endpoint = sys.argv[1]
            k = boto3.client("kinesis", endpoint_url=endpoint)
            k.create_stream(StreamName="lineage", ShardCount=1)
            k.get_waiter("stream_exists").wait(StreamName="lineage")
            arn = k.describe_stream_summary(StreamName="lineage")["StreamDescriptionSummary"]["StreamARN"]
            k.add_tags_to_stream(StreamName="lineage", Tags={"team": "streams", "env": "test"})
            k.remove_tags_from_stream(StreamARN=arn, TagKeys=["env"])
            tags = k.list_tags_for_stream(StreamName="lineage")["Tags"]
            k.increase_stream_retention_period(StreamName="lineage", RetentionPeriodHours=48)
            try:
                k.decrease_stream_retention_period(StreamName="lineage", RetentionPeriodHours=72)
                retention_error = "none"
            except k.exceptions.InvalidArgumentException:
                retention_error = "InvalidArgumentException"
            for i in range(20):
                k.put_record(StreamName="lineage", Data=f"{i}".encode(), PartitionKey=f"key-{i % 4}")
            k.split_shard(StreamName="lineage", ShardToSplit="shardId-000000000000", NewStartingHashKey=str(2**127))
            for i in range(20, 40):
                k.put_record(StreamName="lineage", Data=f"{i}".encode(), PartitionKey=f"key-{i % 4}")
            k.merge_shards(StreamName="lineage", ShardToMerge="shardId-000000000001", AdjacentShardToMerge="shardId-000000000002")
            for i in range(40, 60):
                k.put_record(StreamName="lineage", Data=f"{i}".encode(), PartitionKey=f"key-{i % 4}")
            scaled = k.update_shard_count(StreamName="lineage", TargetShardCount=2, ScalingType="UNIFORM_SCALING")
            for i in range(60, 80):
                k.put_record(StreamName="lineage", Data=f"{i}".encode(), PartitionKey=f"key-{i % 4}")
            latest = [s["ShardId"] for s in k.list_shards(StreamName="lineage", ShardFilter={"Type": "AT_LATEST"})["Shards"]]
            shards = {s["ShardId"]: s for s in k.list_shards(StreamName="lineage")["Shards"]}
            done, seen, children_seen = set(), {}, {}
            while len(done) < len(shards):
                for sid, s in shards.items():
                    parents = [p for p in (s.get("ParentShardId"), s.get("AdjacentParentShardId")) if p]
                    if sid in done or not all(p in done for p in parents):
                        continue
                    it = k.get_shard_iterator(StreamName="lineage", ShardId=sid, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
                    while it:
                        out = k.get_records(ShardIterator=it)
                        for r in out["Records"]:
                            seen.setdefault(r["PartitionKey"], []).append(int(r["Data"].decode()))
                        it = out.get("NextShardIterator")
                        if "ChildShards" in out:
                            children_seen[sid] = sorted(c["ShardId"] for c in out["ChildShards"])
                        if it and not out["Records"]:
                            break
                    done.add(sid)
            k.update_stream_mode(StreamARN=arn, StreamModeDetails={"StreamMode": "ON_DEMAND"})
            mode = k.describe_stream_summary(StreamName="lineage")["StreamDescriptionSummary"]["StreamModeDetails"]["StreamMode"]
            limits = k.describe_limits()
            print(json.dumps({"tags": tags, "retention_error": retention_error, "current": scaled["CurrentShardCount"], "latest": latest,
                              "children": children_seen, "seen": seen, "mode": mode, "open": limits["OpenShardCount"]}))
            """;
        var result = await ExternalTool.RunAsync(ExternalTool.Find("python3")!, ["-", _host.Streams.Endpoint.ToString()], Environment, stdin: script);
        Assert.True(result.ExitCode == 0, $"python3 exited {result.ExitCode}: {result.Stderr}");
        using var output = JsonDocument.Parse(result.Stdout.Trim().Split('\n')[^1]);
        var root = output.RootElement;
        Assert.Equal([("team", "streams")], root.GetProperty("tags").EnumerateArray().Select(t => (t.GetProperty("Key").GetString(), t.GetProperty("Value").GetString())));
        Assert.Equal("InvalidArgumentException", root.GetProperty("retention_error").GetString());
        Assert.Equal(1, root.GetProperty("current").GetInt32());
        Assert.Equal(2, root.GetProperty("latest").GetArrayLength());
        Assert.Equal(["shardId-000000000001", "shardId-000000000002"], root.GetProperty("children").GetProperty("shardId-000000000000").EnumerateArray().Select(c => c.GetString()));
        var seen = root.GetProperty("seen").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(n => n.GetInt32()).ToList());
        Assert.Equal(4, seen.Count);
        foreach (var (key, numbers) in seen)
            Assert.Equal(Enumerable.Range(0, 80).Where(i => $"key-{i % 4}" == key), numbers);
        Assert.Equal("ON_DEMAND", root.GetProperty("mode").GetString());
        Assert.Equal(2, root.GetProperty("open").GetInt32());
    }
}
