using System.Text;
using System.Text.Json.Nodes;
using Borealis.Streams.Tests.Support;

namespace Borealis.Streams.Tests.Api;

/// <summary>Retention: the operations' checks, and trimming with the host's clock moved forward (each trimming test has a fleet of its own).</summary>
public sealed class RetentionTests : IDisposable
{
    private const string Shard0 = "shardId-000000000000";
    private readonly TempDirectory _dir = new("borealis-streams-retention");

    public void Dispose() => _dir.Dispose();

    private static JsonObject Retention(string stream, int? hours)
    {
        var request = new JsonObject { ["StreamName"] = stream };
        if (hours is not null) request["RetentionPeriodHours"] = hours;
        return request;
    }

    [Fact]
    public async Task Retention_changes_are_checked_as_Kinesis_checks_them_and_survive_a_restart()
    {
        var host = await StreamsTestHost.StartAsync(_dir.Path);
        try
        {
            var client = host.Client;
            await client.CreateStreamAsync("kept-hours", 1);
            Assert.Equal("Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short.",
                (await client.FailsAsync("IncreaseStreamRetentionPeriod", Retention("kept-hours", 23), "InvalidArgumentException")).Message);
            Assert.Equal("Maximum allowed retention period is 8760 hours. Requested retention period (8761 hours) is too long.",
                (await client.FailsAsync("IncreaseStreamRetentionPeriod", Retention("kept-hours", 8761), "InvalidArgumentException")).Message);
            await client.FailsAsync("IncreaseStreamRetentionPeriod", Retention("kept-hours", 0), "ValidationException");
            await client.FailsAsync("DecreaseStreamRetentionPeriod", Retention("kept-hours", null), "ValidationException");
            await client.FailsAsync("IncreaseStreamRetentionPeriod", Retention("no-such-stream", 48), "ResourceNotFoundException");

            await client.OkAsync("IncreaseStreamRetentionPeriod", Retention("kept-hours", 8760));
            Assert.Contains("can not be shorter than existing retention period (8760 hours). Use DecreaseRetentionPeriod API.",
                (await client.FailsAsync("IncreaseStreamRetentionPeriod", Retention("kept-hours", 100), "InvalidArgumentException")).Message);
            await client.OkAsync("DecreaseStreamRetentionPeriod", Retention("kept-hours", 30));
            Assert.Contains("can not be longer than existing retention period (30 hours). Use IncreaseRetentionPeriod API.",
                (await client.FailsAsync("DecreaseStreamRetentionPeriod", Retention("kept-hours", 31), "InvalidArgumentException")).Message);
            await client.OkAsync("DecreaseStreamRetentionPeriod", new JsonObject { ["StreamARN"] = "arn:aws:kinesis:us-east-1:000000000000:stream/kept-hours", ["RetentionPeriodHours"] = 30 });

            await host.RestartAsync();

            var summary = await host.Client.OkAsync("DescribeStreamSummary", new JsonObject { ["StreamName"] = "kept-hours" });
            Assert.Equal(30, summary.GetProperty("StreamDescriptionSummary").GetProperty("RetentionPeriodHours").GetInt32());
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Records_past_retention_are_trimmed_and_every_way_in_starts_after_them_also_after_a_restart()
    {
        var host = await StreamsTestHost.StartAsync(_dir.Path, o => o with { TrimInterval = TimeSpan.Zero });
        try
        {
            var client = host.Client;
            await client.CreateStreamAsync("aging", 1);
            await client.OkAsync("IncreaseStreamRetentionPeriod", Retention("aging", 30));
            var old = new List<string>();
            for (var i = 0; i < 5; i++) old.Add((await client.PutAsync("aging", "k", Encoding.UTF8.GetBytes($"old {i}"))).SequenceNumber);
            host.Clock.Advance(TimeSpan.FromHours(29));
            for (var i = 0; i < 3; i++) await client.PutAsync("aging", "k", Encoding.UTF8.GetBytes($"recent {i}"));
            host.Clock.Advance(TimeSpan.FromHours(2)); // the old records are 31 h old, the recent ones 2 h
            var before = await client.IteratorAsync("aging", Shard0, "TRIM_HORIZON");
            Assert.Equal(8, (await client.ReadToEndAsync(before)).Records.Count);

            Assert.Equal(1, await host.Streams.Service.TrimExpiredAsync());
            Assert.Equal(0, await host.Streams.Service.TrimExpiredAsync()); // nothing more to trim

            string[] recent = ["recent 0", "recent 1", "recent 2"];
            Assert.Equal(recent, (await client.ReadShardAsync("aging", Shard0)).Select(r => Encoding.UTF8.GetString(r.Data)));
            // An iterator made before the trim, and iterators at trimmed records or times, start after the trimmed records.
            Assert.Equal(recent, (await client.ReadToEndAsync(before)).Records.Select(r => Encoding.UTF8.GetString(r.Data)));
            Assert.Equal(recent, (await client.ReadToEndAsync(await client.IteratorAsync("aging", Shard0, "AT_SEQUENCE_NUMBER", old[1]))).Records.Select(r => Encoding.UTF8.GetString(r.Data)));
            Assert.Equal(recent, (await client.ReadToEndAsync(await client.IteratorAsync("aging", Shard0, "AFTER_SEQUENCE_NUMBER", old[4]))).Records.Select(r => Encoding.UTF8.GetString(r.Data)));
            Assert.Equal(recent, (await client.ReadToEndAsync(await client.IteratorAsync("aging", Shard0, "AT_TIMESTAMP", timestamp: 0))).Records.Select(r => Encoding.UTF8.GetString(r.Data)));

            await host.RestartAsync();

            Assert.Equal(recent, (await host.Client.ReadShardAsync("aging", Shard0)).Select(r => Encoding.UTF8.GetString(r.Data)));
            var (_, next) = await host.Client.PutAsync("aging", "k", "after restart"u8.ToArray());
            Assert.True(string.CompareOrdinal(next, old[^1]) > 0);
            Assert.Equal([.. recent, "after restart"], (await host.Client.ReadShardAsync("aging", Shard0)).Select(r => Encoding.UTF8.GetString(r.Data)));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_background_trimmer_trims_every_shard_once_records_are_older_than_retention()
    {
        var host = await StreamsTestHost.StartAsync(_dir.Path, o => o with { TrimInterval = TimeSpan.FromMilliseconds(100) });
        try
        {
            var client = host.Client;
            await client.CreateStreamAsync("expiring", 2);
            await client.PutBatchAsync("expiring", Enumerable.Range(0, 40).Select(i => ($"key-{i}", Encoding.UTF8.GetBytes($"r{i}"))));
            Assert.Equal(40, (await client.ReadShardAsync("expiring", Shard0)).Count + (await client.ReadShardAsync("expiring", "shardId-000000000001")).Count);

            host.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while ((await client.ReadShardAsync("expiring", Shard0)).Count + (await client.ReadShardAsync("expiring", "shardId-000000000001")).Count > 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "the background trimmer did not trim records 24 h old");
                await Task.Delay(100);
            }
            await client.PutAsync("expiring", "key-0", "fresh"u8.ToArray());
            var fresh = (await client.ReadShardAsync("expiring", Shard0)).Concat(await client.ReadShardAsync("expiring", "shardId-000000000001")).ToList();
            Assert.Equal(["fresh"], fresh.Select(r => Encoding.UTF8.GetString(r.Data)));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
