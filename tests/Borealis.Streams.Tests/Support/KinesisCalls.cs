using System.Text.Json;
using System.Text.Json.Nodes;

namespace Borealis.Streams.Tests.Support;

/// <summary>The calls most tests make, written once.</summary>
public static class KinesisCalls
{
    public static async Task CreateStreamAsync(this KinesisClient client, string name, int shards) =>
        await client.OkAsync("CreateStream", new JsonObject { ["StreamName"] = name, ["ShardCount"] = shards });

    public static async Task<(string ShardId, string SequenceNumber)> PutAsync(this KinesisClient client, string stream, string partitionKey, byte[] data, string? explicitHashKey = null)
    {
        var request = new JsonObject { ["StreamName"] = stream, ["PartitionKey"] = partitionKey, ["Data"] = Convert.ToBase64String(data) };
        if (explicitHashKey is not null) request["ExplicitHashKey"] = explicitHashKey;
        var reply = await client.OkAsync("PutRecord", request);
        return (reply.GetProperty("ShardId").GetString()!, reply.GetProperty("SequenceNumber").GetString()!);
    }

    public static async Task<JsonElement> PutBatchAsync(this KinesisClient client, string stream, IEnumerable<(string Key, byte[] Data)> records)
    {
        var array = new JsonArray();
        foreach (var (key, data) in records) array.Add(new JsonObject { ["PartitionKey"] = key, ["Data"] = Convert.ToBase64String(data) });
        return await client.OkAsync("PutRecords", new JsonObject { ["StreamName"] = stream, ["Records"] = array });
    }

    public static async Task<string> IteratorAsync(this KinesisClient client, string stream, string shard, string type, string? sequence = null, double? timestamp = null)
    {
        var request = new JsonObject { ["StreamName"] = stream, ["ShardId"] = shard, ["ShardIteratorType"] = type };
        if (sequence is not null) request["StartingSequenceNumber"] = sequence;
        if (timestamp is not null) request["Timestamp"] = timestamp;
        return (await client.OkAsync("GetShardIterator", request)).GetProperty("ShardIterator").GetString()!;
    }

    public sealed record Record(string SequenceNumber, string PartitionKey, byte[] Data, double Arrival);

    /// <summary>Reads from the iterator until a call returns nothing; returns the records and the last reply's iterator.</summary>
    public static async Task<(List<Record> Records, string Next)> ReadToEndAsync(this KinesisClient client, string iterator, int limit = 10_000)
    {
        var records = new List<Record>();
        while (true)
        {
            var reply = await client.OkAsync("GetRecords", new JsonObject { ["ShardIterator"] = iterator, ["Limit"] = limit });
            iterator = reply.GetProperty("NextShardIterator").GetString()!;
            var batch = reply.GetProperty("Records").EnumerateArray().Select(r => new Record(
                r.GetProperty("SequenceNumber").GetString()!, r.GetProperty("PartitionKey").GetString()!,
                r.GetProperty("Data").GetBytesFromBase64(), r.GetProperty("ApproximateArrivalTimestamp").GetDouble())).ToList();
            if (batch.Count == 0) return (records, iterator);
            records.AddRange(batch);
        }
    }

    public static async Task<List<Record>> ReadShardAsync(this KinesisClient client, string stream, string shard) =>
        (await client.ReadToEndAsync(await client.IteratorAsync(stream, shard, "TRIM_HORIZON"))).Records;
}
