using System.Text.Json;

namespace Borealis.Streams.Api;

public sealed partial class KinesisApi
{
    /// <summary>https://docs.aws.amazon.com/kinesis/latest/APIReference/API_UpdateStreamMode.html — addressed by StreamARN only, as in Kinesis; the shards are kept.</summary>
    private async Task UpdateStreamModeAsync(RequestArgs args, Utf8JsonWriter w, CancellationToken cancellationToken)
    {
        var arn = args.RequiredString("StreamARN", 1, 2048);
        var name = StreamArn.NameOf(arn) ?? throw KinesisErrors.InvalidArgument($"StreamARN {arn} is not a stream of this region and account.");
        var mode = StreamMode(args) ?? throw KinesisErrors.Validation("null", "streamModeDetails", "Member must not be null");
        await service.SetModeAsync(name, mode, cancellationToken).ConfigureAwait(false);
        w.WriteStartObject();
        w.WriteEndObject();
    }

    /// <summary>StreamModeDetails.StreamMode, checked; null when StreamModeDetails is absent.</summary>
    private static string? StreamMode(RequestArgs args)
    {
        if (!args.Has("StreamModeDetails")) return null;
        if (args.Root.GetProperty("StreamModeDetails").ValueKind != JsonValueKind.Object) throw KinesisErrors.Serialization("StreamModeDetails: expected an object");
        var mode = new RequestArgs(args.Root.GetProperty("StreamModeDetails")).RequiredString("StreamMode");
        return mode is "PROVISIONED" or "ON_DEMAND" ? mode
            : throw KinesisErrors.Validation(mode, "streamModeDetails.streamMode", "Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]");
    }
}
