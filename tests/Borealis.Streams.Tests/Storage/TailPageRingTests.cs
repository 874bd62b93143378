using System.Text.Json.Nodes;
using Borealis.Common;
using Borealis.Redo;
using Borealis.Streams.Storage;
using Borealis.Streams.Tests.Support;

namespace Borealis.Streams.Tests.Storage;

/// <summary>The writer's copy of the last pages: it serves only pages it began, and a reader behind it goes to the fleet.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class TailPageRingTests(SharedHost shared)
{
    [Fact]
    public void A_slot_serves_only_the_page_the_writer_began_there()
    {
        var ring = new TailPageRing(2);
        var page = new byte[PageFrame.PageSize];
        Assert.False(ring.TryCopy(new PageId(1), page));
        ring.Write(new PageId(1), PageFrame.HeaderSize, [1, 2, 3]); // not begun: ignored
        Assert.False(ring.TryCopy(new PageId(1), page));
        ring.Begin(new PageId(1));
        ring.Write(new PageId(1), PageFrame.HeaderSize, [1, 2, 3]);
        ring.Write(new PageId(1), PageFrame.HeaderSize + 3, [4]);
        Assert.True(ring.TryCopy(new PageId(1), page));
        Assert.Equal([1, 2, 3, 4], page.AsSpan(PageFrame.HeaderSize, 4).ToArray());
        ring.Begin(new PageId(3)); // same slot: page 1 is gone from the ring
        Assert.False(ring.TryCopy(new PageId(1), page));
        Assert.True(ring.TryCopy(new PageId(3), page));
    }

    [Fact]
    public async Task A_reader_far_behind_the_writer_reads_every_record_from_the_fleet_and_one_at_the_tip_from_the_ring()
    {
        var client = shared.Client;
        await client.CreateStreamAsync("ring", 1);
        var data = new byte[3000];
        var sent = new List<byte[]>();
        // About 80 pages: far more than the ring's 32, with records spanning pages.
        for (var batch = 0; batch < 8; batch++)
        {
            var records = Enumerable.Range(0, 50).Select(i =>
            {
                var copy = (byte[])data.Clone();
                BitConverter.TryWriteBytes(copy, batch * 50 + i);
                sent.Add(copy);
                return ("k", copy);
            });
            await client.PutBatchAsync("ring", records);
        }
        var read = await client.ReadShardAsync("ring", "shardId-000000000000");
        Assert.Equal(sent.Count, read.Count);
        for (var i = 0; i < sent.Count; i++) Assert.Equal(sent[i], read[i].Data);

        var latest = await client.IteratorAsync("ring", "shardId-000000000000", "LATEST");
        await client.OkAsync("PutRecord", new JsonObject { ["StreamName"] = "ring", ["PartitionKey"] = "k", ["Data"] = Convert.ToBase64String("tip"u8) });
        Assert.Equal("tip"u8.ToArray(), (await client.ReadToEndAsync(latest)).Records.Single().Data);
    }
}
