using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Borealis.Streams.Tests.Support;

namespace Borealis.Streams.Tests.Api;

/// <summary>
/// SubscribeToShard read with a decoder of our own that checks every frame: starting positions,
/// pushed records, ChildShards at a shard's end, the 5-minute lifetime (shortened), one
/// subscription per consumer and shard, deregistration, errors. Timeouts are generous; nothing
/// asserts a tight delay.
/// </summary>
public sealed class SubscribeToShardTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new("borealis-streams-subscribe");

    public void Dispose() => _dir.Dispose();

    private static string StreamArn(string stream) => $"arn:aws:kinesis:us-east-1:000000000000:stream/{stream}";

    private static async Task<string> RegisterAsync(KinesisClient client, string stream, string name) =>
        (await client.OkAsync("RegisterStreamConsumer", new JsonObject { ["StreamARN"] = StreamArn(stream), ["ConsumerName"] = name }))
            .GetProperty("Consumer").GetProperty("ConsumerARN").GetString()!;

    private static JsonObject Subscription(string consumerArn, string type, string shard = "shardId-000000000000", JsonNode? sequence = null, JsonNode? timestamp = null)
    {
        var position = new JsonObject { ["Type"] = type };
        if (sequence is not null) position["SequenceNumber"] = sequence;
        if (timestamp is not null) position["Timestamp"] = timestamp;
        return new JsonObject { ["ConsumerARN"] = consumerArn, ["ShardId"] = shard, ["StartingPosition"] = position };
    }

    /// <summary>An open subscription: its response and a reader, past the initial-response.</summary>
    private sealed class Subscribed(HttpResponseMessage response, EventStreamReader reader) : IDisposable
    {
        public EventStreamReader Reader => reader;

        /// <summary>Data of the records the next events bring, until <paramref name="count"/> have come; the last event too.</summary>
        public async Task<(List<string> Data, JsonElement LastEvent)> RecordsAsync(int count)
        {
            using var timeout = new CancellationTokenSource(Patience);
            var data = new List<string>();
            JsonElement last = default;
            while (data.Count < count)
            {
                var message = await reader.NextAsync(timeout.Token) ?? throw new InvalidOperationException($"the stream ended after {data.Count} records");
                Assert.Equal("SubscribeToShardEvent", message.EventType);
                last = message.Json;
                data.AddRange(last.GetProperty("Records").EnumerateArray().Select(r => Encoding.UTF8.GetString(r.GetProperty("Data").GetBytesFromBase64())));
            }
            return (data, last);
        }

        /// <summary>Reads events until the server ends the stream; returns them.</summary>
        public async Task<List<JsonElement>> ToEndAsync()
        {
            using var timeout = new CancellationTokenSource(Patience);
            var events = new List<JsonElement>();
            while (await reader.NextAsync(timeout.Token) is { } message) events.Add(message.Json);
            return events;
        }

        public void Dispose() => response.Dispose();
    }

    private static async Task<Subscribed> SubscribeAsync(KinesisClient client, JsonObject request)
    {
        var response = await client.SubscribeAsync(request);
        // The body of a successful answer never ends by itself: read it only when the call failed.
        if (response.StatusCode != HttpStatusCode.OK) Assert.Fail($"SubscribeToShard: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/vnd.amazon.eventstream", response.Content.Headers.ContentType?.MediaType);
        var reader = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(Patience);
        var first = await reader.NextAsync(timeout.Token);
        Assert.NotNull(first);
        Assert.Equal("initial-response", first.EventType);
        Assert.Equal("event", first.Headers[":message-type"]);
        Assert.Equal("application/json", first.Headers[":content-type"]);
        return new Subscribed(response, reader);
    }

    private static async Task<List<string>> PutAsync(KinesisClient client, string stream, params string[] data)
    {
        var records = new JsonArray([.. data.Select(d => (JsonNode)new JsonObject { ["PartitionKey"] = "k", ["Data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(d)) })]);
        var put = await client.OkAsync("PutRecords", new JsonObject { ["StreamName"] = stream, ["Records"] = records });
        Assert.Equal(0, put.GetProperty("FailedRecordCount").GetInt32());
        return [.. put.GetProperty("Records").EnumerateArray().Select(r => r.GetProperty("SequenceNumber").GetString()!)];
    }

    [Fact]
    public async Task Every_starting_position_delivers_from_where_it_says_and_new_records_are_pushed()
    {
        await using var host = await StreamsTestHost.StartAsync(_dir.Path);
        var client = host.Client;
        await client.OkAsync("CreateStream", new JsonObject { ["StreamName"] = "sub", ["ShardCount"] = 1 });
        var sequences = await PutAsync(client, "sub", "r0", "r1", "r2", "r3", "r4");
        // Later records arrive a minute later (by the test clock), so AT_TIMESTAMP can name the gap.
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var between = host.Clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        await PutAsync(client, "sub", "r5", "r6");

        using (var trim = await SubscribeAsync(client, Subscription(await RegisterAsync(client, "sub", "trim"), "TRIM_HORIZON")))
        {
            var (data, last) = await trim.RecordsAsync(7);
            Assert.Equal(["r0", "r1", "r2", "r3", "r4", "r5", "r6"], data);
            Assert.True(last.TryGetProperty("MillisBehindLatest", out _));
            Assert.StartsWith("49", last.GetProperty("ContinuationSequenceNumber").GetString(), StringComparison.Ordinal);
        }
        using (var at = await SubscribeAsync(client, Subscription(await RegisterAsync(client, "sub", "at"), "AT_SEQUENCE_NUMBER", sequence: sequences[2])))
            Assert.Equal(["r2", "r3", "r4", "r5", "r6"], (await at.RecordsAsync(5)).Data);
        using (var after = await SubscribeAsync(client, Subscription(await RegisterAsync(client, "sub", "after"), "AFTER_SEQUENCE_NUMBER", sequence: sequences[2])))
        {
            var (data, last) = await after.RecordsAsync(4);
            Assert.Equal(["r3", "r4", "r5", "r6"], data);
        }
        using (var ts = await SubscribeAsync(client, Subscription(await RegisterAsync(client, "sub", "ts"), "AT_TIMESTAMP", timestamp: between)))
            Assert.Equal(["r5", "r6"], (await ts.RecordsAsync(2)).Data);

        var latestArn = await RegisterAsync(client, "sub", "latest");
        using (var latest = await SubscribeAsync(client, Subscription(latestArn, "LATEST")))
        {
            // The server answers before it reads: the put may land before or after the subscription's first read, both start at LATEST's position.
            await PutAsync(client, "sub", "r7");
            var (data, last) = await latest.RecordsAsync(1);
            Assert.Equal(["r7"], data);
            await PutAsync(client, "sub", "r8", "r9");
            Assert.Equal(["r8", "r9"], (await latest.RecordsAsync(2)).Data);

            // One subscription per consumer and shard at a time.
            var second = await client.FailsAsync("SubscribeToShard", Subscription(latestArn, "LATEST"), "ResourceInUseException");
            Assert.Contains("Another active subscription exists for this consumer", second.Message, StringComparison.Ordinal);

            // Deregistering the consumer ends its subscription.
            await client.OkAsync("DeregisterStreamConsumer", new JsonObject { ["ConsumerARN"] = latestArn });
            await latest.ToEndAsync();
        }

        var arn = await RegisterAsync(client, "sub", "errors");
        await client.FailsAsync("SubscribeToShard", Subscription(latestArn, "LATEST"), "ResourceNotFoundException");
        await client.FailsAsync("SubscribeToShard", Subscription(arn, "LATEST", shard: "shardId-000000000009"), "ResourceNotFoundException");
        await client.FailsAsync("SubscribeToShard", Subscription(arn, "SOMEWHERE"), "ValidationException");
        await client.FailsAsync("SubscribeToShard", new JsonObject { ["ConsumerARN"] = arn, ["ShardId"] = "shardId-000000000000" }, "ValidationException");
        await client.FailsAsync("SubscribeToShard", Subscription(arn, "AT_SEQUENCE_NUMBER", sequence: "nonsense"), "InvalidArgumentException");
    }

    [Fact]
    public async Task A_subscription_to_a_shard_that_is_split_ends_with_its_child_shards()
    {
        await using var host = await StreamsTestHost.StartAsync(_dir.Path);
        var client = host.Client;
        await client.OkAsync("CreateStream", new JsonObject { ["StreamName"] = "split", ["ShardCount"] = 1 });
        var arn = await RegisterAsync(client, "split", "reader");
        using var subscribed = await SubscribeAsync(client, Subscription(arn, "TRIM_HORIZON"));
        await PutAsync(client, "split", "before");
        Assert.Equal(["before"], (await subscribed.RecordsAsync(1)).Data);
        await client.OkAsync("SplitShard", new JsonObject
        {
            ["StreamName"] = "split",
            ["ShardToSplit"] = "shardId-000000000000",
            ["NewStartingHashKey"] = (UInt128.One << 127).ToString(CultureInfo.InvariantCulture),
        });
        var events = await subscribed.ToEndAsync();
        var last = events[^1];
        Assert.Equal(["shardId-000000000001", "shardId-000000000002"], last.GetProperty("ChildShards").EnumerateArray().Select(c => c.GetProperty("ShardId").GetString()));
        Assert.False(last.TryGetProperty("ContinuationSequenceNumber", out _));
    }

    [Fact]
    public async Task A_subscription_ends_when_its_lifetime_is_up_and_the_consumer_can_subscribe_again()
    {
        // Kinesis's 5 minutes, shortened: the server must end the stream by itself.
        await using var host = await StreamsTestHost.StartAsync(_dir.Path, o => o with { SubscriptionLifetime = TimeSpan.FromSeconds(2) });
        var client = host.Client;
        await client.OkAsync("CreateStream", new JsonObject { ["StreamName"] = "short", ["ShardCount"] = 1 });
        var arn = await RegisterAsync(client, "short", "reader");
        using (var subscribed = await SubscribeAsync(client, Subscription(arn, "LATEST")))
            await subscribed.ToEndAsync();
        using var again = await SubscribeAsync(client, Subscription(arn, "LATEST"));
        await PutAsync(client, "short", "x");
        Assert.Equal(["x"], (await again.RecordsAsync(1)).Data);
    }
}
