using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Borealis.Streams.Tests.Support;

namespace Borealis.Streams.Tests.Processes;

public sealed class KillTests : IDisposable
{
    private readonly TempDirectory _dir = new("borealis-streams-kill");

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// Producers put batches into a real <c>borealis up</c> until it is killed with kill -9; after
    /// a restart on the same data dir every acknowledged record is there, each key's records in
    /// the order they were put, and the shards take writes again.
    /// </summary>
    [Fact]
    public async Task No_acknowledged_record_is_lost_when_borealis_up_is_killed_during_a_put_storm()
    {
        using var up = await UpProcess.StartAsync(_dir.Path);
        var credentials = up.Credentials;
        var client = new KinesisClient(up.Endpoint, credentials.AccessKeyId, credentials.SecretAccessKey, TimeProvider.System);
        await client.CreateStreamAsync("storm", 2);

        var acknowledged = new ConcurrentBag<(string Key, int Number)>();
        using var stop = new CancellationTokenSource();
        var producers = Enumerable.Range(0, 3).Select(p => Task.Run(async () =>
        {
            for (var batch = 0; !stop.IsCancellationRequested; batch++)
            {
                var records = Enumerable.Range(0, 100).Select(i => ($"p{p}-k{i % 4}", batch * 100 + i)).ToList();
                KinesisClient.Reply reply;
                try
                {
                    reply = await client.CallAsync("PutRecords", new System.Text.Json.Nodes.JsonObject
                    {
                        ["StreamName"] = "storm",
                        ["Records"] = new System.Text.Json.Nodes.JsonArray([.. records.Select(r => (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject
                        {
                            ["PartitionKey"] = r.Item1,
                            ["Data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(r.Item2.ToString(CultureInfo.InvariantCulture))),
                        })]),
                    });
                }
                catch (HttpRequestException) { return; } // the server is gone
                if (reply.Status != System.Net.HttpStatusCode.OK) return;
                var results = reply.Body.GetProperty("Records").EnumerateArray().ToList();
                for (var i = 0; i < records.Count; i++)
                    if (results[i].TryGetProperty("SequenceNumber", out _)) acknowledged.Add(records[i]);
            }
        })).ToList();

        await Task.Delay(1500);
        up.Kill();
        await stop.CancelAsync();
        await Task.WhenAll(producers);
        client.Dispose();
        Assert.True(acknowledged.Count > 100, $"only {acknowledged.Count} records were acknowledged before the kill");

        await up.LaunchAsync();
        using var after = new KinesisClient(up.Endpoint, credentials.AccessKeyId, credentials.SecretAccessKey, TimeProvider.System);
        var byKey = new Dictionary<string, List<int>>();
        foreach (var shard in new[] { "shardId-000000000000", "shardId-000000000001" })
            foreach (var r in await after.ReadShardAsync("storm", shard))
            {
                if (!byKey.TryGetValue(r.PartitionKey, out var list)) byKey[r.PartitionKey] = list = [];
                list.Add(int.Parse(Encoding.UTF8.GetString(r.Data), CultureInfo.InvariantCulture));
            }
        foreach (var group in acknowledged.GroupBy(a => a.Key))
        {
            Assert.True(byKey.TryGetValue(group.Key, out var read), $"no records of {group.Key} after the restart");
            var missing = group.Select(a => a.Number).Except(read).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} acknowledged records of {group.Key} lost, e.g. {string.Join(", ", missing.Take(5))}");
        }
        foreach (var (key, numbers) in byKey)
            Assert.True(numbers.Zip(numbers.Skip(1)).All(p => p.First < p.Second), $"records of {key} out of order after the restart");
        await after.PutAsync("storm", "after", "x"u8.ToArray());
    }
}
