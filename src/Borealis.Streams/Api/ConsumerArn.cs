using System.Globalization;

namespace Borealis.Streams.Api;

/// <summary>
/// Consumer ARNs as Kinesis writes them:
/// <c>arn:aws:kinesis:REGION:ACCOUNT:stream/STREAM/consumer/CONSUMER:CREATION_EPOCH_SECONDS</c>.
/// </summary>
public static class ConsumerArn
{
    private const string Marker = "/consumer/";

    public static string Of(string streamName, Catalog.ConsumerDefinition consumer)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        return string.Create(CultureInfo.InvariantCulture, $"{StreamArn.Of(streamName)}{Marker}{consumer.Name}:{consumer.CreatedUnixMs / 1000}");
    }

    /// <summary>The stream, consumer name and creation second an ARN of this region and account names; false for anything else.</summary>
    public static bool TryParse(string arn, out string streamName, out string consumerName, out long createdSeconds)
    {
        ArgumentNullException.ThrowIfNull(arn);
        (streamName, consumerName, createdSeconds) = ("", "", 0);
        var marker = arn.IndexOf(Marker, StringComparison.Ordinal);
        var colon = arn.LastIndexOf(':');
        if (marker < 0 || colon < marker) return false;
        var stream = StreamArn.NameOf(arn[..marker]);
        if (stream is null || !long.TryParse(arn.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out createdSeconds)) return false;
        streamName = stream;
        consumerName = arn[(marker + Marker.Length)..colon];
        return consumerName.Length > 0;
    }
}
