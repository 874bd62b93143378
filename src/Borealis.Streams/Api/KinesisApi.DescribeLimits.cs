using System.Text.Json;

namespace Borealis.Streams.Api;

public sealed partial class KinesisApi
{
    /// <summary>https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeLimits.html — Borealis's limits (StreamsOptions) and what is in use.</summary>
    private Task DescribeLimits(Utf8JsonWriter w)
    {
        var limits = service.CurrentLimits();
        w.WriteStartObject();
        w.WriteNumber("ShardLimit", limits.ShardLimit);
        w.WriteNumber("OpenShardCount", limits.OpenShardCount);
        w.WriteNumber("OnDemandStreamCount", limits.OnDemandStreamCount);
        w.WriteNumber("OnDemandStreamCountLimit", limits.OnDemandStreamCountLimit);
        w.WriteEndObject();
        return Task.CompletedTask;
    }
}
