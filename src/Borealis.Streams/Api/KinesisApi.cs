using System.Text.Json;
using Microsoft.Extensions.Logging;
using Borealis.Streams.Catalog;
using Borealis.Streams.Model;

namespace Borealis.Streams.Api;

/// <summary>
/// The Kinesis Data Streams operations over JSON 1.1: each reads its request members and writes
/// its response object. One operation a file (<c>KinesisApi.*.cs</c>).
/// API reference: https://docs.aws.amazon.com/kinesis/latest/APIReference/API_Operations.html
/// </summary>
public sealed partial class KinesisApi(StreamsService service, ILogger log)
{
    /// <summary>Operations of the Kinesis API this build does not serve: they get an error saying so, never a pretend success.</summary>
    private static readonly HashSet<string> NotBuilt = new(StringComparer.Ordinal)
    {
        "StartStreamEncryption", "StopStreamEncryption", "EnableEnhancedMonitoring",
        "DisableEnhancedMonitoring", "GetResourcePolicy", "PutResourcePolicy", "DeleteResourcePolicy", "DescribeAccountSettings",
        "UpdateAccountSettings", "UpdateMaxRecordSize", "UpdateStreamWarmThroughput",
    };

    public Task InvokeAsync(string operation, RequestArgs args, Utf8JsonWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        return operation switch
        {
            "CreateStream" => CreateStreamAsync(args, output, cancellationToken),
            "DeleteStream" => DeleteStreamAsync(args, output, cancellationToken),
            "DescribeStream" => DescribeStream(args, output),
            "DescribeStreamSummary" => DescribeStreamSummary(args, output),
            "ListStreams" => ListStreams(args, output),
            "ListShards" => ListShards(args, output),
            "PutRecord" => PutRecordAsync(args, output, cancellationToken),
            "PutRecords" => PutRecordsAsync(args, output, cancellationToken),
            "GetShardIterator" => GetShardIteratorAsync(args, output, cancellationToken),
            "GetRecords" => GetRecordsAsync(args, output, cancellationToken),
            "IncreaseStreamRetentionPeriod" => IncreaseStreamRetentionPeriodAsync(args, output, cancellationToken),
            "DecreaseStreamRetentionPeriod" => DecreaseStreamRetentionPeriodAsync(args, output, cancellationToken),
            "AddTagsToStream" => AddTagsToStreamAsync(args, output, cancellationToken),
            "RemoveTagsFromStream" => RemoveTagsFromStreamAsync(args, output, cancellationToken),
            "ListTagsForStream" => ListTagsForStream(args, output),
            "TagResource" => TagResourceAsync(args, output, cancellationToken),
            "UntagResource" => UntagResourceAsync(args, output, cancellationToken),
            "ListTagsForResource" => ListTagsForResource(args, output),
            "DescribeLimits" => DescribeLimits(output),
            "UpdateStreamMode" => UpdateStreamModeAsync(args, output, cancellationToken),
            "SplitShard" => SplitShardAsync(args, output, cancellationToken),
            "MergeShards" => MergeShardsAsync(args, output, cancellationToken),
            "UpdateShardCount" => UpdateShardCountAsync(args, output, cancellationToken),
            "RegisterStreamConsumer" => RegisterStreamConsumerAsync(args, output, cancellationToken),
            "DeregisterStreamConsumer" => DeregisterStreamConsumerAsync(args, output, cancellationToken),
            "DescribeStreamConsumer" => DescribeStreamConsumer(args, output),
            "ListStreamConsumers" => ListStreamConsumers(args, output),
            _ when NotBuilt.Contains(operation) => throw KinesisErrors.NotBuilt(operation),
            _ => throw KinesisErrors.UnknownOperation(operation),
        };
    }

    private static void WriteShard(Utf8JsonWriter w, ShardDefinition shard)
    {
        w.WriteStartObject();
        w.WriteString("ShardId", new ShardId(shard.Index).ToString());
        if (shard.ParentIndex is { } parent) w.WriteString("ParentShardId", new ShardId(parent).ToString());
        if (shard.AdjacentParentIndex is { } adjacent) w.WriteString("AdjacentParentShardId", new ShardId(adjacent).ToString());
        WriteHashKeyRange(w, shard);
        w.WriteStartObject("SequenceNumberRange");
        w.WriteString("StartingSequenceNumber", new SequenceNumber(new ShardId(shard.Index), 0).ToString());
        // Past every record of the shard: the position right after its last one.
        if (shard.EndPosition is { } end) w.WriteString("EndingSequenceNumber", new SequenceNumber(new ShardId(shard.Index), end).ToString());
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteHashKeyRange(Utf8JsonWriter w, ShardDefinition shard)
    {
        w.WriteStartObject("HashKeyRange");
        w.WriteString("StartingHashKey", shard.StartingHashKey);
        w.WriteString("EndingHashKey", shard.EndingHashKey);
        w.WriteEndObject();
    }

    /// <summary>
    /// The shards Kinesis still shows: every open one, and the closed ones until the retention
    /// period has passed since they closed (their records are all trimmed by then).
    /// </summary>
    private IEnumerable<ShardDefinition> ListedShards(StreamDefinition stream)
    {
        var horizon = service.Clock.GetUtcNow().AddHours(-stream.RetentionPeriodHours).ToUnixTimeMilliseconds();
        return stream.Shards.Where(s => s.IsOpen || s.ClosedUnixMs >= horizon).OrderBy(s => s.Index);
    }

    /// <summary>The members DescribeStream and DescribeStreamSummary share.</summary>
    private static void WriteStreamBasics(Utf8JsonWriter w, StreamDefinition stream)
    {
        w.WriteString("StreamName", stream.Name);
        w.WriteString("StreamARN", StreamArn.Of(stream.Name));
        w.WriteString("StreamStatus", stream.Status);
        w.WriteStartObject("StreamModeDetails");
        w.WriteString("StreamMode", stream.Mode);
        w.WriteEndObject();
        w.WriteNumber("RetentionPeriodHours", stream.RetentionPeriodHours);
        w.WriteNumber("StreamCreationTimestamp", stream.CreatedUnixMs / 1000.0);
        w.WriteStartArray("EnhancedMonitoring");
        w.WriteStartObject();
        w.WriteStartArray("ShardLevelMetrics");
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("EncryptionType", "NONE");
    }
}
