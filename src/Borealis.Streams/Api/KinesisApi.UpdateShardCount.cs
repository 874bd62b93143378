using System.Text.Json;

namespace Borealis.Streams.Api;

public sealed partial class KinesisApi
{
    /// <summary>
    /// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_UpdateShardCount.html —
    /// UNIFORM_SCALING, within half to double the open shards, as Kinesis allows; done by splits
    /// and merges (see <see cref="StreamsService.UpdateShardCountAsync"/>) when this returns.
    /// </summary>
    private async Task UpdateShardCountAsync(RequestArgs args, Utf8JsonWriter w, CancellationToken cancellationToken)
    {
        var name = args.StreamName();
        var target = args.Int("TargetShardCount", 1, 100_000) ?? throw KinesisErrors.Validation("null", "targetShardCount", "Member must not be null");
        var scaling = args.RequiredString("ScalingType");
        if (scaling != "UNIFORM_SCALING") throw KinesisErrors.Validation(scaling, "scalingType", "Member must satisfy enum value set: [UNIFORM_SCALING]");
        var (current, stream) = await service.UpdateShardCountAsync(name, target, cancellationToken).ConfigureAwait(false);
        w.WriteStartObject();
        w.WriteString("StreamName", stream.Name);
        w.WriteNumber("CurrentShardCount", current);
        w.WriteNumber("TargetShardCount", target);
        w.WriteString("StreamARN", StreamArn.Of(stream.Name));
        w.WriteEndObject();
    }
}
