using System.Diagnostics;
using System.Globalization;
using System.Text;
using Borealis.Streams.Tests.Support;
using Xunit.Abstractions;

namespace Borealis.Streams.Tests.Api;

[Collection(SharedHostCollection.Name)]
public sealed class ConcurrentProducerTests(SharedHost shared, ITestOutputHelper output)
{
    private KinesisClient Client => shared.Client;

    /// <summary>
    /// Producers putting batches at once into the same shards: every acknowledged record is read
    /// back exactly once, and each partition key's records in the order its producer put them.
    /// </summary>
    [Fact]
    public async Task Concurrent_PutRecords_lose_nothing_and_keep_each_keys_order()
    {
        const int producers = 4, batches = 10, perBatch = 500;
        await Client.CreateStreamAsync("storm", 4);
        var started = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, producers).Select(async p =>
        {
            for (var b = 0; b < batches; b++)
            {
                var records = Enumerable.Range(0, perBatch).Select(i => ($"p{p}-k{i % 16}", Encoding.UTF8.GetBytes($"{p}:{b * perBatch + i}:" + new string('.', 80)))).ToList();
                var reply = await Client.PutBatchAsync("storm", records);
                Assert.Equal(0, reply.GetProperty("FailedRecordCount").GetInt32());
            }
        }));
        var elapsed = started.Elapsed;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{producers * batches * perBatch} records put in {elapsed.TotalMilliseconds:0} ms: {producers * batches * perBatch / elapsed.TotalSeconds:0} records/s (4 shards, 3 copies, test client)"));

        var byKey = new Dictionary<string, List<int>>();
        var total = 0;
        for (var shard = 0; shard < 4; shard++)
        {
            foreach (var r in await Client.ReadShardAsync("storm", $"shardId-{shard:D12}"))
            {
                var parts = Encoding.UTF8.GetString(r.Data).Split(':');
                if (!byKey.TryGetValue(r.PartitionKey, out var list)) byKey[r.PartitionKey] = list = [];
                list.Add(int.Parse(parts[1], CultureInfo.InvariantCulture));
                total++;
            }
        }
        Assert.Equal(producers * batches * perBatch, total);
        Assert.Equal(producers * 16, byKey.Count);
        foreach (var (key, numbers) in byKey)
        {
            var k = int.Parse(key[(key.IndexOf('k', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);
            Assert.Equal(Enumerable.Range(0, batches * perBatch).Where(i => i % perBatch % 16 == k), numbers);
        }
    }
}
