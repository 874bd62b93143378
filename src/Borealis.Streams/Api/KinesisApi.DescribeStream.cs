using System.Text.Json;
using Borealis.Streams.Model;

namespace Borealis.Streams.Api;

public sealed partial class KinesisApi
{
    /// <summary>https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeStream.html (Limit and ExclusiveStartShardId page the shards).</summary>
    private Task DescribeStream(RequestArgs args, Utf8JsonWriter w)
    {
        var stream = service.GetStream(args.StreamName());
        var limit = args.Int("Limit", 1, 10_000) ?? 100;
        var after = args.String("ExclusiveStartShardId", 1, 128);
        var shards = ListedShards(stream).Where(s => after is null || !ShardId.TryParse(after, out var a) || s.Index > a.Index).ToList();
        w.WriteStartObject();
        w.WriteStartObject("StreamDescription");
        WriteStreamBasics(w, stream);
        w.WriteStartArray("Shards");
        foreach (var shard in shards.Take(limit)) WriteShard(w, shard);
        w.WriteEndArray();
        w.WriteBoolean("HasMoreShards", shards.Count > limit);
        w.WriteEndObject();
        w.WriteEndObject();
        return Task.CompletedTask;
    }

    /// <summary>https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeStreamSummary.html</summary>
    private Task DescribeStreamSummary(RequestArgs args, Utf8JsonWriter w)
    {
        var stream = service.GetStream(args.StreamName());
        w.WriteStartObject();
        w.WriteStartObject("StreamDescriptionSummary");
        WriteStreamBasics(w, stream);
        w.WriteNumber("OpenShardCount", stream.OpenShards.Count());
        w.WriteNumber("ConsumerCount", stream.Consumers?.Count ?? 0);
        w.WriteEndObject();
        w.WriteEndObject();
        return Task.CompletedTask;
    }
}
