using System.Text.Json;

namespace Borealis.Streams.Api;

public sealed partial class KinesisApi
{
    /// <summary>https://docs.aws.amazon.com/kinesis/latest/APIReference/API_CreateStream.html — the stream is ACTIVE when this returns; Tags (newer SDKs) are kept.</summary>
    private async Task CreateStreamAsync(RequestArgs args, Utf8JsonWriter output, CancellationToken cancellationToken)
    {
        var name = args.StreamName();
        var mode = StreamMode(args) ?? "PROVISIONED";
        var tags = TagArgs.Map(args, "Tags", MaxTagsPerCall);
        var shards = args.Int("ShardCount", 1, 100_000);
        if (shards is null && mode == "PROVISIONED") throw KinesisErrors.InvalidArgument("ShardCount is required for a stream in PROVISIONED mode.");
        if (shards is not null && mode == "ON_DEMAND") throw KinesisErrors.InvalidArgument("ShardCount must not be given for a stream in ON_DEMAND mode.");
        await service.CreateStreamAsync(name, shards ?? StreamsService.OnDemandShards, mode, tags, cancellationToken).ConfigureAwait(false);
        output.WriteStartObject();
        output.WriteEndObject();
    }
}
