using System.Text.Json;

namespace Borealis.Streams.Api;

public sealed partial class KinesisApi
{
    /// <summary>
    /// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_MergeShards.html — two open
    /// shards with adjacent hash key ranges close and one child takes both ranges (its parent
    /// ShardToMerge, its adjacent parent AdjacentShardToMerge). Done when this returns.
    /// </summary>
    private async Task MergeShardsAsync(RequestArgs args, Utf8JsonWriter w, CancellationToken cancellationToken)
    {
        var name = args.StreamName();
        var shard = args.RequiredString("ShardToMerge", 1, 128);
        var adjacent = args.RequiredString("AdjacentShardToMerge", 1, 128);
        await service.MergeShardsAsync(name, shard, adjacent, cancellationToken).ConfigureAwait(false);
        w.WriteStartObject();
        w.WriteEndObject();
    }
}
