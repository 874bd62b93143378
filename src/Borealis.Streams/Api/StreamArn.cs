namespace Borealis.Streams.Api;

/// <summary>Stream ARNs as Kinesis writes them; newer SDKs address streams by ARN instead of name.</summary>
public static class StreamArn
{
    private const string Prefix = "arn:aws:kinesis:" + KinesisErrors.Region + ":" + KinesisErrors.Account + ":stream/";

    public static string Of(string streamName) => Prefix + streamName;

    /// <summary>The stream name of an ARN of this region and account, or null.</summary>
    public static string? NameOf(string arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        return arn.StartsWith(Prefix, StringComparison.Ordinal) && arn.Length > Prefix.Length ? arn[Prefix.Length..] : null;
    }
}
