using System.Text.Json;
using Borealis.Streams.Tests.Support;

namespace Borealis.Streams.Tests.Clients;

/// <summary>Enhanced fan-out with real clients: the AWS SDK for JavaScript subscribing over HTTP/2, boto3's subscribe_to_shard.</summary>
public sealed class SubscribeToShardClientTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("borealis-streams-subscribe-clients");
    private StreamsTestHost _host = null!;

    public async Task InitializeAsync() => _host = await StreamsTestHost.StartAsync(_dir.Path);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _dir.Dispose();
    }

    private Dictionary<string, string> Environment => ExternalTool.AwsEnvironment(_host.Streams.CredentialsPath);

    [NodeSdkFact]
    public async Task The_AWS_SDK_for_JavaScript_subscribes_and_receives_records_put_meanwhile_in_order()
    {
        var dir = NodeSdkFactAttribute.NodeClientDirectory!;
        var result = await ExternalTool.RunAsync(ExternalTool.Find("node")!, [Path.Combine(dir, "subscribe-client.mjs"), _host.Streams.Endpoint.ToString()], Environment);
        Assert.True(result.ExitCode == 0, $"node exited {result.ExitCode}: {result.Stdout} {result.Stderr}");
        using var output = JsonDocument.Parse(result.Stdout.Trim().Split('\n')[^1]);
        var root = output.RootElement;
        Assert.Equal(["early-0", "early-1", .. Enumerable.Range(0, 30).Select(i => $"{i}")], root.GetProperty("received").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("ResourceInUseException", root.GetProperty("second").GetString());
        Assert.Equal("CREATING", root.GetProperty("registeredStatus").GetString());
        Assert.Equal("ACTIVE", root.GetProperty("describedStatus").GetString());
        Assert.StartsWith("49", root.GetProperty("continuation").GetString(), StringComparison.Ordinal);
        // Pushed, not polled: the median delay after a put's answer is far below the 1 s idle wake-up even on a loaded machine.
        Assert.True(root.GetProperty("p50").GetDouble() < 500, $"median delay after the put's answer: {root.GetProperty("p50")} ms");
        Console.WriteLine($"SubscribeToShard (node SDK): put-acknowledged to received p50 {root.GetProperty("p50")} ms, max {root.GetProperty("max")} ms, {root.GetProperty("events")} events");
    }

    [Boto3Fact]
    public async Task Boto3_registers_a_consumer_and_subscribe_to_shard_delivers_the_records()
    {
        const string script = """
            import json, sys, boto3
            k = boto3.client("kinesis", endpoint_url=sys.argv[1])
            k.create_stream(StreamName="boto-fan", ShardCount=1)
            arn = k.describe_stream_summary(StreamName="boto-fan")["StreamDescriptionSummary"]["StreamARN"]
            consumer = k.register_stream_consumer(StreamARN=arn, ConsumerName="boto-app")["Consumer"]
            listed = [c["ConsumerName"] for c in k.list_stream_consumers(StreamARN=arn)["Consumers"]]
            for i in range(5):
                k.put_record(StreamName="boto-fan", PartitionKey="k", Data=f"r{i}".encode())
            sub = k.subscribe_to_shard(ConsumerARN=consumer["ConsumerARN"], ShardId="shardId-000000000000", StartingPosition={"Type": "TRIM_HORIZON"})
            got = []
            for event in sub["EventStream"]:
                if "SubscribeToShardEvent" in event:
                    got += [r["Data"].decode() for r in event["SubscribeToShardEvent"]["Records"]]
                    if len(got) >= 5:
                        break
            try:
                k.describe_stream_consumer(StreamARN=arn, ConsumerName="nobody")
                missing = "no error"
            except k.exceptions.ResourceNotFoundException:
                missing = "ResourceNotFoundException"
            k.deregister_stream_consumer(ConsumerARN=consumer["ConsumerARN"])
            print(json.dumps({"got": got, "listed": listed, "missing": missing, "status": consumer["ConsumerStatus"]}))
            """;
        var result = await ExternalTool.RunAsync(ExternalTool.Find("python3")!, ["-", _host.Streams.Endpoint.ToString()], Environment, stdin: script);
        Assert.True(result.ExitCode == 0, $"python3 exited {result.ExitCode}: {result.Stderr}");
        using var output = JsonDocument.Parse(result.Stdout.Trim().Split('\n')[^1]);
        Assert.Equal(["r0", "r1", "r2", "r3", "r4"], output.RootElement.GetProperty("got").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["boto-app"], output.RootElement.GetProperty("listed").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("ResourceNotFoundException", output.RootElement.GetProperty("missing").GetString());
        Assert.Equal("CREATING", output.RootElement.GetProperty("status").GetString());
    }
}
