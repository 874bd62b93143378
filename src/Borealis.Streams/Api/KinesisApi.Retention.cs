using System.Text.Json;

namespace Borealis.Streams.Api;

public sealed partial class KinesisApi
{
    /// <summary>https://docs.aws.amazon.com/kinesis/latest/APIReference/API_IncreaseStreamRetentionPeriod.html</summary>
    private Task IncreaseStreamRetentionPeriodAsync(RequestArgs args, Utf8JsonWriter w, CancellationToken cancellationToken) =>
        SetRetentionAsync(args, w, increase: true, cancellationToken);

    /// <summary>https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DecreaseStreamRetentionPeriod.html — records older than the new period go at the next trim.</summary>
    private Task DecreaseStreamRetentionPeriodAsync(RequestArgs args, Utf8JsonWriter w, CancellationToken cancellationToken) =>
        SetRetentionAsync(args, w, increase: false, cancellationToken);

    private async Task SetRetentionAsync(RequestArgs args, Utf8JsonWriter w, bool increase, CancellationToken cancellationToken)
    {
        var name = args.StreamName();
        var hours = args.Int("RetentionPeriodHours", 1, int.MaxValue) ?? throw KinesisErrors.Validation("null", "retentionPeriodHours", "Member must not be null");
        await service.SetRetentionAsync(name, hours, increase, cancellationToken).ConfigureAwait(false);
        w.WriteStartObject();
        w.WriteEndObject();
    }
}
