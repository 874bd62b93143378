using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Borealis.Streams.Tests.Support;

namespace Borealis.Streams.Tests.Api;

/// <summary>SplitShard, MergeShards, UpdateShardCount: lineage, closed shards' ends, ShardFilter, and reading every record once in lineage order while resharding under load.</summary>
public sealed class ReshardingTests : IDisposable
{
    private static readonly BigInteger Half = BigInteger.One << 127;
    private static readonly BigInteger Max = (BigInteger.One << 128) - 1;
    private readonly TempDirectory _dir = new("borealis-streams-resharding");

    public void Dispose() => _dir.Dispose();

    private static string Id(int index) => $"shardId-{index:D12}";

    private static async Task<List<JsonElement>> ShardsAsync(KinesisClient client, string stream, JsonObject? filter = null)
    {
        var request = new JsonObject { ["StreamName"] = stream };
        if (filter is not null) request["ShardFilter"] = filter;
        return [.. (await client.OkAsync("ListShards", request)).GetProperty("Shards").EnumerateArray()];
    }

    private static async Task<List<string>> ShardIdsAsync(KinesisClient client, string stream, JsonObject? filter = null) =>
        [.. (await ShardsAsync(client, stream, filter)).Select(s => s.GetProperty("ShardId").GetString()!)];

    private static string? Member(JsonElement shard, string name) => shard.TryGetProperty(name, out var v) ? v.GetString() : null;

    /// <summary>Reads a shard from TRIM_HORIZON to its end: returns the records and, for a closed shard, the ChildShards of the last reply (null while open).</summary>
    private static async Task<(List<KinesisCalls.Record> Records, List<string>? Children)> ReadShardToEndAsync(KinesisClient client, string stream, string shard)
    {
        var iterator = await client.IteratorAsync(stream, shard, "TRIM_HORIZON");
        var records = new List<KinesisCalls.Record>();
        while (true)
        {
            var reply = await client.OkAsync("GetRecords", new JsonObject { ["ShardIterator"] = iterator });
            var batch = reply.GetProperty("Records").EnumerateArray().Select(r => new KinesisCalls.Record(
                r.GetProperty("SequenceNumber").GetString()!, r.GetProperty("PartitionKey").GetString()!,
                r.GetProperty("Data").GetBytesFromBase64(), r.GetProperty("ApproximateArrivalTimestamp").GetDouble())).ToList();
            records.AddRange(batch);
            if (!reply.TryGetProperty("NextShardIterator", out var next) || next.ValueKind == JsonValueKind.Null)
                return (records, [.. reply.GetProperty("ChildShards").EnumerateArray().Select(c => c.GetProperty("ShardId").GetString()!)]);
            if (batch.Count == 0) return (records, null);
            iterator = next.GetString()!;
        }
    }

    [Fact]
    public async Task Split_and_merge_close_parents_at_their_end_record_the_lineage_filter_shards_and_survive_a_restart()
    {
        var host = await StreamsTestHost.StartAsync(_dir.Path);
        try
        {
            var client = host.Client;
            await client.CreateStreamAsync("tree", 1);
            for (var i = 0; i < 3; i++) await client.PutAsync("tree", $"k{i}", Encoding.UTF8.GetBytes($"before {i}"));
            host.Clock.Advance(TimeSpan.FromMinutes(1));
            var beforeSplit = host.Clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
            host.Clock.Advance(TimeSpan.FromMinutes(1));

            await client.FailsAsync("SplitShard", new JsonObject { ["StreamName"] = "tree", ["ShardToSplit"] = Id(0), ["NewStartingHashKey"] = "0" }, "InvalidArgumentException");
            await client.FailsAsync("SplitShard", new JsonObject { ["StreamName"] = "tree", ["ShardToSplit"] = Id(7), ["NewStartingHashKey"] = "5" }, "ResourceNotFoundException");
            await client.FailsAsync("SplitShard", new JsonObject { ["StreamName"] = "tree", ["ShardToSplit"] = Id(0) }, "ValidationException");
            await client.OkAsync("SplitShard", new JsonObject { ["StreamName"] = "tree", ["ShardToSplit"] = Id(0), ["NewStartingHashKey"] = Half.ToString() });
            Assert.Contains("already been merged or split",
                (await client.FailsAsync("SplitShard", new JsonObject { ["StreamName"] = "tree", ["ShardToSplit"] = Id(0), ["NewStartingHashKey"] = "5" }, "InvalidArgumentException")).Message);

            var shards = await ShardsAsync(client, "tree");
            Assert.Equal([Id(0), Id(1), Id(2)], shards.Select(s => s.GetProperty("ShardId").GetString()));
            Assert.NotNull(Member(shards[0].GetProperty("SequenceNumberRange"), "EndingSequenceNumber"));
            Assert.Null(Member(shards[1].GetProperty("SequenceNumberRange"), "EndingSequenceNumber"));
            Assert.Equal([Id(0), Id(0)], shards.Skip(1).Select(s => Member(s, "ParentShardId")));
            Assert.Equal(["0", Half.ToString()], shards.Skip(1).Select(s => s.GetProperty("HashKeyRange").GetProperty("StartingHashKey").GetString()));
            Assert.Equal([(Half - 1).ToString(), Max.ToString()], shards.Skip(1).Select(s => s.GetProperty("HashKeyRange").GetProperty("EndingHashKey").GetString()));

            // The parent reads to its end, then names its children instead of a next iterator.
            var (parentRecords, children) = await ReadShardToEndAsync(client, "tree", Id(0));
            Assert.Equal(["before 0", "before 1", "before 2"], parentRecords.Select(r => Encoding.UTF8.GetString(r.Data)));
            Assert.Equal([Id(1), Id(2)], children);
            Assert.Equal(Id(1), (await client.PutAsync("tree", "low", "low"u8.ToArray(), explicitHashKey: "0")).ShardId);
            Assert.Equal(Id(2), (await client.PutAsync("tree", "high", "high"u8.ToArray(), explicitHashKey: Max.ToString())).ShardId);

            host.Clock.Advance(TimeSpan.FromMinutes(1));
            var beforeMerge = host.Clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
            host.Clock.Advance(TimeSpan.FromMinutes(1));
            await client.FailsAsync("MergeShards", new JsonObject { ["StreamName"] = "tree", ["ShardToMerge"] = Id(1), ["AdjacentShardToMerge"] = Id(1) }, "InvalidArgumentException");
            await client.FailsAsync("MergeShards", new JsonObject { ["StreamName"] = "tree", ["ShardToMerge"] = Id(0), ["AdjacentShardToMerge"] = Id(1) }, "InvalidArgumentException");
            await client.OkAsync("MergeShards", new JsonObject { ["StreamName"] = "tree", ["ShardToMerge"] = Id(1), ["AdjacentShardToMerge"] = Id(2) });
            var merged = (await ShardsAsync(client, "tree"))[3];
            Assert.Equal((Id(3), Id(1), Id(2)), (Member(merged, "ShardId"), Member(merged, "ParentShardId"), Member(merged, "AdjacentParentShardId")));
            Assert.Equal([Id(3)], (await ReadShardToEndAsync(client, "tree", Id(1))).Children);

            Assert.Equal([Id(3)], await ShardIdsAsync(client, "tree", new JsonObject { ["Type"] = "AT_LATEST" }));
            Assert.Equal([Id(2), Id(3)], await ShardIdsAsync(client, "tree", new JsonObject { ["Type"] = "AFTER_SHARD_ID", ["ShardId"] = Id(1) }));
            Assert.Equal([Id(0)], await ShardIdsAsync(client, "tree", new JsonObject { ["Type"] = "AT_TRIM_HORIZON" }));
            Assert.Equal([Id(0), Id(1), Id(2), Id(3)], await ShardIdsAsync(client, "tree", new JsonObject { ["Type"] = "FROM_TRIM_HORIZON" }));
            Assert.Equal([Id(0)], await ShardIdsAsync(client, "tree", new JsonObject { ["Type"] = "AT_TIMESTAMP", ["Timestamp"] = beforeSplit }));
            Assert.Equal([Id(1), Id(2)], await ShardIdsAsync(client, "tree", new JsonObject { ["Type"] = "AT_TIMESTAMP", ["Timestamp"] = beforeMerge }));
            Assert.Equal([Id(1), Id(2), Id(3)], await ShardIdsAsync(client, "tree", new JsonObject { ["Type"] = "FROM_TIMESTAMP", ["Timestamp"] = beforeMerge }));
            await client.FailsAsync("ListShards", new JsonObject { ["StreamName"] = "tree", ["ShardFilter"] = new JsonObject { ["Type"] = "AFTER_SHARD_ID" } }, "InvalidArgumentException");
            await client.FailsAsync("ListShards", new JsonObject { ["StreamName"] = "tree", ["ShardFilter"] = new JsonObject { ["Type"] = "AT_TIMESTAMP" } }, "InvalidArgumentException");
            await client.FailsAsync("ListShards", new JsonObject { ["StreamName"] = "tree", ["ShardFilter"] = new JsonObject { ["Type"] = "SOMETIME" } }, "ValidationException");

            await host.RestartAsync();

            client = host.Client;
            var after = await ShardsAsync(client, "tree");
            Assert.Equal([null, Id(0), Id(0), Id(1)], after.Select(s => Member(s, "ParentShardId")));
            Assert.Equal([Id(3)], await ShardIdsAsync(client, "tree", new JsonObject { ["Type"] = "AT_LATEST" }));
            Assert.Equal(Id(3), (await client.PutAsync("tree", "k0", "after restart"u8.ToArray())).ShardId);
            Assert.Equal(["low"], (await ReadShardToEndAsync(client, "tree", Id(1))).Records.Select(r => Encoding.UTF8.GetString(r.Data)));
            Assert.Equal(["after restart"], (await ReadShardToEndAsync(client, "tree", Id(3))).Records.Select(r => Encoding.UTF8.GetString(r.Data)));

            // Once the retention period has passed since they closed, closed shards are no longer listed.
            host.Clock.Advance(TimeSpan.FromHours(25));
            Assert.Equal([Id(3)], await ShardIdsAsync(client, "tree"));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task UpdateShardCount_scales_uniformly_within_half_and_double_with_at_most_two_parents_a_shard()
    {
        var host = await StreamsTestHost.StartAsync(_dir.Path);
        try
        {
            var client = host.Client;
            await client.CreateStreamAsync("scaled", 4);
            foreach (var (target, current) in new[] { (3, 4), (6, 3), (5, 6) })
            {
                var reply = await client.OkAsync("UpdateShardCount", new JsonObject { ["StreamName"] = "scaled", ["TargetShardCount"] = target, ["ScalingType"] = "UNIFORM_SCALING" });
                Assert.Equal((current, target), (reply.GetProperty("CurrentShardCount").GetInt32(), reply.GetProperty("TargetShardCount").GetInt32()));
                var all = await ShardsAsync(client, "scaled");
                var open = await ShardsAsync(client, "scaled", new JsonObject { ["Type"] = "AT_LATEST" });
                var step = (Max + 1) / target;
                Assert.Equal(Enumerable.Range(0, target).Select(i => (step * i).ToString()).ToList(),
                    open.Select(s => s.GetProperty("HashKeyRange").GetProperty("StartingHashKey").GetString()!).OrderBy(k => BigInteger.Parse(k)).ToList());
                // Lineage: a split's child lies within its parent; a merge's child is exactly its two parents' ranges.
                var byId = all.ToDictionary(s => s.GetProperty("ShardId").GetString()!);
                foreach (var shard in all.Where(s => Member(s, "ParentShardId") is not null))
                {
                    var parents = new[] { Member(shard, "ParentShardId"), Member(shard, "AdjacentParentShardId") }.OfType<string>().Select(p => byId[p]).ToList();
                    BigInteger Key(JsonElement s, string end) => BigInteger.Parse(s.GetProperty("HashKeyRange").GetProperty(end).GetString()!);
                    if (parents.Count == 2)
                    {
                        Assert.Equal(Key(shard, "StartingHashKey"), parents.Min(p => Key(p, "StartingHashKey")));
                        Assert.Equal(Key(shard, "EndingHashKey"), parents.Max(p => Key(p, "EndingHashKey")));
                    }
                    else Assert.True(Key(parents[0], "StartingHashKey") <= Key(shard, "StartingHashKey") && Key(shard, "EndingHashKey") <= Key(parents[0], "EndingHashKey"));
                    Assert.All(parents, p => Assert.NotNull(Member(p.GetProperty("SequenceNumberRange"), "EndingSequenceNumber")));
                }
            }
            await client.FailsAsync("UpdateShardCount", new JsonObject { ["StreamName"] = "scaled", ["TargetShardCount"] = 11, ["ScalingType"] = "UNIFORM_SCALING" }, "LimitExceededException");
            await client.FailsAsync("UpdateShardCount", new JsonObject { ["StreamName"] = "scaled", ["TargetShardCount"] = 2, ["ScalingType"] = "UNIFORM_SCALING" }, "LimitExceededException");
            await client.FailsAsync("UpdateShardCount", new JsonObject { ["StreamName"] = "scaled", ["TargetShardCount"] = 4, ["ScalingType"] = "WHATEVER" }, "ValidationException");
            await client.FailsAsync("UpdateShardCount", new JsonObject { ["StreamName"] = "scaled", ["ScalingType"] = "UNIFORM_SCALING" }, "ValidationException");
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Resharding_under_load_keeps_every_record_readable_exactly_once_in_lineage_order()
    {
        var host = await StreamsTestHost.StartAsync(_dir.Path);
        try
        {
            var client = host.Client;
            await client.CreateStreamAsync("busy", 2);
            using var stop = new CancellationTokenSource();
            var acked = new Dictionary<string, List<string>>();
            var producers = Enumerable.Range(0, 4).Select(p => Task.Run(async () =>
            {
                var keys = Enumerable.Range(0, 8).Select(k => $"p{p}-k{k}").ToArray();
                foreach (var key in keys) lock (acked) acked[key] = [];
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var batch = Enumerable.Range(0, 16).Select(i => (Key: keys[i % keys.Length], Text: $"p{p}-{n}-{i}")).ToList();
                    var reply = await client.PutBatchAsync("busy", batch.Select(b => (b.Key, Encoding.UTF8.GetBytes(b.Text))));
                    Assert.Equal(0, reply.GetProperty("FailedRecordCount").GetInt32());
                    lock (acked) foreach (var b in batch) acked[b.Key].Add(b.Text);
                }
            })).ToList();

            async Task ReshardAsync(string operation, JsonObject request)
            {
                await Task.Delay(150);
                request["StreamName"] = "busy";
                await client.OkAsync(operation, request);
            }
            await ReshardAsync("SplitShard", new JsonObject { ["ShardToSplit"] = Id(0), ["NewStartingHashKey"] = (Half / 2).ToString() });
            await ReshardAsync("MergeShards", new JsonObject { ["ShardToMerge"] = Id(2), ["AdjacentShardToMerge"] = Id(3) });
            await ReshardAsync("UpdateShardCount", new JsonObject { ["TargetShardCount"] = 3, ["ScalingType"] = "UNIFORM_SCALING" });
            await ReshardAsync("UpdateShardCount", new JsonObject { ["TargetShardCount"] = 5, ["ScalingType"] = "UNIFORM_SCALING" });
            await ReshardAsync("SplitShard", new JsonObject { ["ShardToSplit"] = (await ShardIdsAsync(client, "busy", new JsonObject { ["Type"] = "AT_LATEST" }))[0], ["NewStartingHashKey"] = "12345" });
            await Task.Delay(150);
            await stop.CancelAsync();
            await Task.WhenAll(producers);

            // A reader as the KCL is one: a shard only after all its parents are read to their end.
            var shards = await ShardsAsync(client, "busy");
            var parentsOf = shards.ToDictionary(s => s.GetProperty("ShardId").GetString()!,
                s => new[] { Member(s, "ParentShardId"), Member(s, "AdjacentParentShardId") }.OfType<string>().ToList());
            var read = new Dictionary<string, List<string>>();
            var done = new HashSet<string>();
            while (done.Count < shards.Count)
            {
                var ready = parentsOf.Keys.Where(s => !done.Contains(s) && parentsOf[s].All(done.Contains)).ToList();
                Assert.NotEmpty(ready);
                foreach (var shard in ready)
                {
                    var (records, children) = await ReadShardToEndAsync(client, "busy", shard);
                    if (children is not null)
                        Assert.Equal(parentsOf.Where(p => p.Value.Contains(shard)).Select(p => p.Key).Order(), children.Order());
                    foreach (var r in records)
                    {
                        if (!read.TryGetValue(r.PartitionKey, out var list)) read[r.PartitionKey] = list = [];
                        list.Add(Encoding.UTF8.GetString(r.Data));
                    }
                    done.Add(shard);
                }
            }
            Assert.True(shards.Count >= 12, $"expected the resharding to make at least 12 shards, saw {shards.Count}");
            Assert.True(acked.Values.Sum(v => v.Count) > 500, "the producers hardly put anything while resharding");
            foreach (var (key, texts) in acked)
                Assert.Equal(texts, read.GetValueOrDefault(key) ?? []);
            Assert.Equal(acked.Keys.Order(), read.Keys.Order());
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
