using System.Text.Json;

namespace Borealis.Streams.Api;

public sealed partial class KinesisApi
{
    /// <summary>
    /// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_SplitShard.html — the parent
    /// closes and two children take its hash keys below and from NewStartingHashKey. Done when
    /// this returns (the stream stays ACTIVE).
    /// </summary>
    private async Task SplitShardAsync(RequestArgs args, Utf8JsonWriter w, CancellationToken cancellationToken)
    {
        var name = args.StreamName();
        var shard = args.RequiredString("ShardToSplit", 1, 128);
        var key = args.RequiredString("NewStartingHashKey", 1, 128);
        await service.SplitShardAsync(name, shard, key, cancellationToken).ConfigureAwait(false);
        w.WriteStartObject();
        w.WriteEndObject();
    }
}
