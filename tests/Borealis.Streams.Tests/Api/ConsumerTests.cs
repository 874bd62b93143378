using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Borealis.Streams.Tests.Support;

namespace Borealis.Streams.Tests.Api;

/// <summary>Enhanced fan-out consumers: registration, ARNs, lookups, limits and errors as Kinesis's; they survive a restart (a fleet of its own).</summary>
public sealed partial class ConsumerTests : IDisposable
{
    private const string StreamArn = "arn:aws:kinesis:us-east-1:000000000000:stream/fan";
    private readonly TempDirectory _dir = new("borealis-streams-consumers");

    public void Dispose() => _dir.Dispose();

    [GeneratedRegex(@"^arn:aws:kinesis:us-east-1:000000000000:stream/fan/consumer/app-1:\d{10}$")]
    private static partial Regex App1Arn();

    [Fact]
    public async Task Consumers_are_registered_described_listed_limited_and_deregistered_and_survive_a_restart()
    {
        var host = await StreamsTestHost.StartAsync(_dir.Path);
        try
        {
            var client = host.Client;
            await client.OkAsync("CreateStream", new JsonObject { ["StreamName"] = "fan", ["ShardCount"] = 1 });
            var registered = (await client.OkAsync("RegisterStreamConsumer", new JsonObject { ["StreamARN"] = StreamArn, ["ConsumerName"] = "app-1" })).GetProperty("Consumer");
            Assert.Equal("CREATING", registered.GetProperty("ConsumerStatus").GetString());
            var arn = registered.GetProperty("ConsumerARN").GetString()!;
            Assert.Matches(App1Arn(), arn);
            Assert.Equal((long)registered.GetProperty("ConsumerCreationTimestamp").GetDouble(), long.Parse(arn[(arn.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture));

            var described = (await client.OkAsync("DescribeStreamConsumer", new JsonObject { ["ConsumerARN"] = arn })).GetProperty("ConsumerDescription");
            Assert.Equal("ACTIVE", described.GetProperty("ConsumerStatus").GetString());
            Assert.Equal("app-1", described.GetProperty("ConsumerName").GetString());
            Assert.Equal(StreamArn, described.GetProperty("StreamARN").GetString());
            var byName = (await client.OkAsync("DescribeStreamConsumer", new JsonObject { ["StreamARN"] = StreamArn, ["ConsumerName"] = "app-1" })).GetProperty("ConsumerDescription");
            Assert.Equal(arn, byName.GetProperty("ConsumerARN").GetString());

            await client.FailsAsync("RegisterStreamConsumer", new JsonObject { ["StreamARN"] = StreamArn, ["ConsumerName"] = "app-1" }, "ResourceInUseException");
            await client.FailsAsync("RegisterStreamConsumer", new JsonObject { ["StreamARN"] = StreamArn + "-missing", ["ConsumerName"] = "x" }, "ResourceNotFoundException");
            await client.FailsAsync("RegisterStreamConsumer", new JsonObject { ["StreamARN"] = StreamArn, ["ConsumerName"] = "bad name" }, "ValidationException");
            await client.FailsAsync("RegisterStreamConsumer", new JsonObject { ["StreamARN"] = StreamArn }, "ValidationException");
            await client.FailsAsync("DescribeStreamConsumer", new JsonObject { ["StreamARN"] = StreamArn, ["ConsumerName"] = "nobody" }, "ResourceNotFoundException");
            await client.FailsAsync("DescribeStreamConsumer", new JsonObject { ["ConsumerARN"] = arn[..arn.LastIndexOf(':')] + ":12" }, "ResourceNotFoundException");
            await client.FailsAsync("DescribeStreamConsumer", new JsonObject { ["ConsumerARN"] = "arn:aws:kinesis:us-east-1:000000000000:stream/fan" }, "InvalidArgumentException");

            // 20 consumers a stream; the 21st is refused.
            for (var i = 2; i <= 20; i++)
                await client.OkAsync("RegisterStreamConsumer", new JsonObject { ["StreamARN"] = StreamArn, ["ConsumerName"] = $"app-{i}" });
            await client.FailsAsync("RegisterStreamConsumer", new JsonObject { ["StreamARN"] = StreamArn, ["ConsumerName"] = "app-21" }, "LimitExceededException");
            var summary = await client.OkAsync("DescribeStreamSummary", new JsonObject { ["StreamName"] = "fan" });
            Assert.Equal(20, summary.GetProperty("StreamDescriptionSummary").GetProperty("ConsumerCount").GetInt32());

            // Paged listing covers all 20 once, in registration order.
            var names = new List<string>();
            string? token = null;
            do
            {
                var request = new JsonObject { ["StreamARN"] = StreamArn, ["MaxResults"] = 7 };
                if (token is not null) request["NextToken"] = token;
                var page = await client.OkAsync("ListStreamConsumers", request);
                names.AddRange(page.GetProperty("Consumers").EnumerateArray().Select(c => c.GetProperty("ConsumerName").GetString()!));
                token = page.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
            }
            while (token is not null);
            Assert.Equal(Enumerable.Range(1, 20).Select(i => $"app-{i}"), names);

            await client.OkAsync("DeregisterStreamConsumer", new JsonObject { ["ConsumerARN"] = arn });
            await client.OkAsync("DeregisterStreamConsumer", new JsonObject { ["StreamARN"] = StreamArn, ["ConsumerName"] = "app-2" });
            await client.FailsAsync("DeregisterStreamConsumer", new JsonObject { ["ConsumerARN"] = arn }, "ResourceNotFoundException");
            await client.FailsAsync("DescribeStreamConsumer", new JsonObject { ["ConsumerARN"] = arn }, "ResourceNotFoundException");

            await host.RestartAsync();
            client = host.Client;
            var after = await client.OkAsync("ListStreamConsumers", new JsonObject { ["StreamARN"] = StreamArn });
            Assert.Equal(Enumerable.Range(3, 18).Select(i => $"app-{i}"), after.GetProperty("Consumers").EnumerateArray().Select(c => c.GetProperty("ConsumerName").GetString()));

            // A stream with consumers is deleted only with EnforceConsumerDeletion.
            await client.FailsAsync("DeleteStream", new JsonObject { ["StreamName"] = "fan" }, "ResourceInUseException");
            await client.OkAsync("DeleteStream", new JsonObject { ["StreamName"] = "fan", ["EnforceConsumerDeletion"] = true });
            await client.OkAsync("CreateStream", new JsonObject { ["StreamName"] = "fan", ["ShardCount"] = 1 });
            Assert.Equal(0, (await client.OkAsync("ListStreamConsumers", new JsonObject { ["StreamARN"] = StreamArn })).GetProperty("Consumers").GetArrayLength());
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
