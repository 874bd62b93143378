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
}
