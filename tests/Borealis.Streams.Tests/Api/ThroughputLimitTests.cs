using System.Net;
using System.Text.Json.Nodes;
using Borealis.Streams.Tests.Support;
using Borealis.Streams.Throughput;

namespace Borealis.Streams.Tests.Api;

/// <summary>
/// Per-shard throughput limits (ProvisionedThroughputExceededException): off by default, AWS's
/// rates when on. Each assertion rests on what one call does at once or on a margin of seconds,
/// never on a tight timing, so a loaded machine does not make them flaky.
/// </summary>
public sealed class ThroughputLimitTests : IDisposable
{
    private readonly TempDirectory _dir = new("borealis-streams-limits");

    public void Dispose() => _dir.Dispose();

    private static JsonObject Record(string key, int bytes) =>
        new() { ["PartitionKey"] = key, ["Data"] = Convert.ToBase64String(new byte[bytes]) };

    private static JsonObject Batch(string stream, params JsonObject[] records) =>
        new() { ["StreamName"] = stream, ["Records"] = new JsonArray(records) };

    [Fact]
    public async Task Limits_are_off_by_default_and_AWS_rates_refuse_puts_and_reads_when_on()
    {
        // Off: 3 MiB into one shard in one call passes.
        await using (var open = await StreamsTestHost.StartAsync(Path.Combine(_dir.Path, "off")))
        {
            await open.Client.OkAsync("CreateStream", new JsonObject { ["StreamName"] = "free", ["ShardCount"] = 1 });
            var free = await open.Client.OkAsync("PutRecords", Batch("free", Record("k", 1000 * 1024), Record("k", 1000 * 1024), Record("k", 1000 * 1024)));
            Assert.Equal(0, free.GetProperty("FailedRecordCount").GetInt32());
        }

        await using var host = await StreamsTestHost.StartAsync(Path.Combine(_dir.Path, "on"), o => o with { ShardThroughput = ShardThroughputLimits.Aws });
        var client = host.Client;
        await client.OkAsync("CreateStream", new JsonObject { ["StreamName"] = "limited", ["ShardCount"] = 2 });

        // 1 MiB/s in per shard: of three 600 KB records to one shard the first fits, the others are refused record by record.
        var put = await client.OkAsync("PutRecords", Batch("limited", Record("same", 600 * 1024), Record("same", 600 * 1024), Record("same", 600 * 1024)));
        Assert.Equal(2, put.GetProperty("FailedRecordCount").GetInt32());
        var results = put.GetProperty("Records").EnumerateArray().ToList();
        Assert.True(results[0].TryGetProperty("SequenceNumber", out _));
        var shard = results[0].GetProperty("ShardId").GetString()!;
        foreach (var refused in results.Skip(1))
        {
            Assert.Equal("ProvisionedThroughputExceededException", refused.GetProperty("ErrorCode").GetString());
            Assert.Equal($"Rate exceeded for shard {shard} in stream limited under account 000000000000.", refused.GetProperty("ErrorMessage").GetString());
        }

        // PutRecord to the same, still full shard: HTTP 400 with the error type.
        var single = await client.FailsAsync("PutRecord", new JsonObject { ["StreamName"] = "limited", ["PartitionKey"] = "same", ["Data"] = Convert.ToBase64String(new byte[1000 * 1000]) },
            "ProvisionedThroughputExceededException");
        Assert.Contains($"Rate exceeded for shard {shard}", single.Message, StringComparison.Ordinal);

        // The bucket refills: after a few seconds the same put passes.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await client.OkAsync("PutRecord", new JsonObject { ["StreamName"] = "limited", ["PartitionKey"] = "same", ["Data"] = Convert.ToBase64String(new byte[1000 * 1000]) });

        // 5 GetRecords calls a second per shard: 60 calls in a row meet the limit unless they take 11 s.
        var iterator = (await client.OkAsync("GetShardIterator", new JsonObject { ["StreamName"] = "limited", ["ShardId"] = shard, ["ShardIteratorType"] = "LATEST" }))
            .GetProperty("ShardIterator").GetString()!;
        var throttled = 0;
        for (var i = 0; i < 60; i++)
        {
            var reply = await client.CallAsync("GetRecords", new JsonObject { ["ShardIterator"] = iterator });
            if (reply.Status == HttpStatusCode.OK) iterator = reply.Body.GetProperty("NextShardIterator").GetString()!;
            else
            {
                Assert.Equal("ProvisionedThroughputExceededException", reply.ErrorType);
                Assert.Contains($"Rate exceeded for Shard - {shard} in stream limited", reply.Message, StringComparison.Ordinal);
                throttled++;
            }
        }
        Assert.True(throttled > 0, "60 GetRecords calls in a row were never throttled");
    }

    [Fact]
    public async Task Records_per_second_and_bytes_read_are_limited_per_shard()
    {
        // Smaller rates than AWS's (same code) so that one call crosses them: 100 records/s in, 32 KiB/s out.
        await using var host = await StreamsTestHost.StartAsync(_dir.Path,
            o => o with { ShardThroughput = new ShardThroughputLimits { InRecordsPerSecond = 100, OutBytesPerSecond = 32 * 1024 } });
        var client = host.Client;
        await client.OkAsync("CreateStream", new JsonObject { ["StreamName"] = "counted", ["ShardCount"] = 2 });
        var put = await client.OkAsync("PutRecords", Batch("counted", [.. Enumerable.Range(0, 500).Select(_ => Record("one-shard", 10))]));
        var failed = put.GetProperty("FailedRecordCount").GetInt32();
        Assert.InRange(failed, 300, 400); // 100 pass at once; a call does not last the seconds more would need.
        // Refused records are the later ones: Kinesis admits in request order.
        var codes = put.GetProperty("Records").EnumerateArray().Select(r => r.TryGetProperty("ErrorCode", out var c) ? c.GetString() : null).ToList();
        Assert.All(codes.Take(100), c => Assert.Null(c));
        Assert.All(codes.Where(c => c is not null), c => Assert.Equal("ProvisionedThroughputExceededException", c));

        // The other shard has its own bucket.
        var elsewhere = Enumerable.Range(0, 1000).Select(i => $"k{i}").First(k => Borealis.Streams.Model.PartitionKeyHash.Of(System.Text.Encoding.UTF8.GetBytes(k)) >= UInt128.One << 127
            != (Borealis.Streams.Model.PartitionKeyHash.Of("one-shard"u8) >= UInt128.One << 127));
        var other = await client.OkAsync("PutRecords", Batch("counted", [.. Enumerable.Range(0, 50).Select(_ => Record(elsewhere, 4000))]));
        Assert.Equal(0, other.GetProperty("FailedRecordCount").GetInt32());

        // 200 KB read from a 32 KiB/s shard leaves a debt of about 5 s: the next call is refused until it is paid.
        var shard = put.GetProperty("Records")[0].GetProperty("ShardId").GetString() == "shardId-000000000000" ? "shardId-000000000001" : "shardId-000000000000";
        var iterator = (await client.OkAsync("GetShardIterator", new JsonObject { ["StreamName"] = "counted", ["ShardId"] = shard, ["ShardIteratorType"] = "TRIM_HORIZON" }))
            .GetProperty("ShardIterator").GetString()!;
        var first = await client.OkAsync("GetRecords", new JsonObject { ["ShardIterator"] = iterator });
        Assert.Equal(50, first.GetProperty("Records").GetArrayLength());
        var next = first.GetProperty("NextShardIterator").GetString()!;
        await client.FailsAsync("GetRecords", new JsonObject { ["ShardIterator"] = next }, "ProvisionedThroughputExceededException");
        await Task.Delay(TimeSpan.FromSeconds(8));
        await client.OkAsync("GetRecords", new JsonObject { ["ShardIterator"] = next });
    }
}
