using System.Text.Json;

namespace Borealis.Streams.Api;

public sealed partial class KinesisApi
{
    /// <summary>https://docs.aws.amazon.com/kinesis/latest/APIReference/API_CreateStream.html — the stream is ACTIVE when this returns.</summary>
    private async Task CreateStreamAsync(RequestArgs args, Utf8JsonWriter output, CancellationToken cancellationToken)
    {
        var name = args.StreamName();
        var mode = "PROVISIONED";
        if (args.Has("StreamModeDetails"))
        {
            if (args.Root.GetProperty("StreamModeDetails").ValueKind != JsonValueKind.Object) throw KinesisErrors.Serialization("StreamModeDetails: expected an object");
            mode = new RequestArgs(args.Root.GetProperty("StreamModeDetails")).RequiredString("StreamMode");
            if (mode is not ("PROVISIONED" or "ON_DEMAND"))
                throw KinesisErrors.Validation(mode, "streamModeDetails.streamMode", "Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]");
        }
        var shards = args.Int("ShardCount", 1, 100_000);
        if (shards is null && mode == "PROVISIONED") throw KinesisErrors.InvalidArgument("ShardCount is required for a stream in PROVISIONED mode.");
        if (shards is not null && mode == "ON_DEMAND") throw KinesisErrors.InvalidArgument("ShardCount must not be given for a stream in ON_DEMAND mode.");
        await service.CreateStreamAsync(name, shards ?? StreamsService.OnDemandShards, mode, cancellationToken).ConfigureAwait(false);
        output.WriteStartObject();
        output.WriteEndObject();
    }
}
