using System.Text;
using System.Text.Json.Nodes;
using Borealis.Streams.Storage;
using Borealis.Streams.Tests.Support;

namespace Borealis.Streams.Tests.Api;

/// <summary>What survives restarts and node failures; each test has a fleet of its own.</summary>
public sealed class DurabilityTests : IDisposable
{
    private readonly TempDirectory _dir = new("borealis-streams-durability");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Streams_and_records_survive_a_restart_of_the_fleet_and_sequence_numbers_go_on_increasing()
    {
        var host = await StreamsTestHost.StartAsync(_dir.Path);
        try
        {
            await host.Client.CreateStreamAsync("kept", 2);
            var before = new List<(string Shard, string Sequence, string Text)>();
            for (var i = 0; i < 20; i++)
            {
                var (shard, sequence) = await host.Client.PutAsync("kept", $"key-{i % 5}", Encoding.UTF8.GetBytes($"before {i}"));
                before.Add((shard, sequence, $"before {i}"));
            }
            var iterator = await host.Client.IteratorAsync("kept", "shardId-000000000000", "TRIM_HORIZON");
            var credentials = host.Streams.Credentials;

            await host.RestartAsync();

            Assert.Equal(credentials, host.Streams.Credentials);
            var names = (await host.Client.OkAsync("ListStreams", [])).GetProperty("StreamNames").EnumerateArray().Select(n => n.GetString());
            Assert.Equal(["kept"], names);
            foreach (var shard in new[] { "shardId-000000000000", "shardId-000000000001" })
            {
                var read = await host.Client.ReadShardAsync("kept", shard);
                Assert.Equal(before.Where(b => b.Shard == shard).Select(b => (b.Sequence, b.Text)), read.Select(r => (r.SequenceNumber, Encoding.UTF8.GetString(r.Data))));
            }
            // An iterator handed out before the restart still reads.
            Assert.Equal(before.Count(b => b.Shard == "shardId-000000000000"), (await host.Client.ReadToEndAsync(iterator)).Records.Count);

            var (afterShard, afterSequence) = await host.Client.PutAsync("kept", "key-0", "after"u8.ToArray());
            var last = before.Last(b => b.Shard == afterShard).Sequence;
            Assert.True(string.CompareOrdinal(afterSequence, last) > 0, $"{afterSequence} should follow {last}");
            Assert.Equal("after", Encoding.UTF8.GetString((await host.Client.ReadShardAsync("kept", afterShard))[^1].Data));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_shard_with_one_copy_down_takes_writes_and_with_two_down_fails_only_its_own_records()
    {
        var host = await StreamsTestHost.StartAsync(_dir.Path);
        try
        {
            await host.Client.CreateStreamAsync("fragile", 2);
            var stream = host.Streams.Service.Catalog.Find("fragile")!;
            var copies = ShardPlacement.Choose(host.Fleet.Addresses, stream.Shards[1].Volume).Select(a => host.Fleet.Addresses.ToList().IndexOf(a)).ToList();
            var explicitKeys = stream.Shards.Select(s => s.StartingHashKey).ToList();
            JsonObject Record(int shard, string text) => new() { ["PartitionKey"] = text, ["ExplicitHashKey"] = explicitKeys[shard], ["Data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) };

            await host.Fleet.StopNodeAsync(copies[0]);
            var oneDown = await host.Client.OkAsync("PutRecords", new JsonObject { ["StreamName"] = "fragile", ["Records"] = new JsonArray(Record(1, "2 of 3")) });
            Assert.Equal(0, oneDown.GetProperty("FailedRecordCount").GetInt32());

            await host.Fleet.StopNodeAsync(copies[1]);
            var twoDown = await host.Client.OkAsync("PutRecords", new JsonObject
            {
                ["StreamName"] = "fragile",
                ["Records"] = new JsonArray(Record(0, "a"), Record(1, "b"), Record(0, "c")),
            });
            Assert.Equal(1, twoDown.GetProperty("FailedRecordCount").GetInt32());
            var results = twoDown.GetProperty("Records").EnumerateArray().ToList();
            Assert.Equal("InternalFailure", results[1].GetProperty("ErrorCode").GetString());
            Assert.True(results[0].TryGetProperty("SequenceNumber", out _) && results[2].TryGetProperty("SequenceNumber", out _));
            Assert.Equal(["a", "c"], (await host.Client.ReadShardAsync("fragile", "shardId-000000000000")).Select(r => Encoding.UTF8.GetString(r.Data)));

            host.Fleet.StartNode(copies[0]);
            host.Fleet.StartNode(copies[1]);
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (true)
            {
                var retry = await host.Client.OkAsync("PutRecords", new JsonObject { ["StreamName"] = "fragile", ["Records"] = new JsonArray(Record(1, "back")) });
                if (retry.GetProperty("FailedRecordCount").GetInt32() == 0) break;
                Assert.True(DateTime.UtcNow < deadline, "the shard did not take writes again after its nodes came back");
            }
            Assert.Equal("back", Encoding.UTF8.GetString((await host.Client.ReadShardAsync("fragile", "shardId-000000000001"))[^1].Data));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
