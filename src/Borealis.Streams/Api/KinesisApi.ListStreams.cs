using System.Text;
using System.Text.Json;

namespace Borealis.Streams.Api;

public sealed partial class KinesisApi
{
    /// <summary>
    /// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListStreams.html — names in
    /// order; pages by ExclusiveStartStreamName or by NextToken (the base64 of the last name given).
    /// </summary>
    private Task ListStreams(RequestArgs args, Utf8JsonWriter w)
    {
        var limit = args.Int("Limit", 1, 10_000) ?? 100;
        var after = args.String("ExclusiveStartStreamName", 1, 128);
        if (args.String("NextToken", 1, 1048576) is { } token)
        {
            try { after = Encoding.UTF8.GetString(Convert.FromBase64String(token)); }
            catch (FormatException) { throw KinesisErrors.InvalidArgument("NextToken is not a token ListStreams gave."); }
        }
        var streams = service.Catalog.Streams.OrderBy(s => s.Name, StringComparer.Ordinal)
            .Where(s => after is null || string.CompareOrdinal(s.Name, after) > 0).ToList();
        var page = streams.Take(limit).ToList();
        var more = streams.Count > limit;
        w.WriteStartObject();
        w.WriteStartArray("StreamNames");
        foreach (var s in page) w.WriteStringValue(s.Name);
        w.WriteEndArray();
        w.WriteBoolean("HasMoreStreams", more);
        if (more) w.WriteString("NextToken", Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1].Name)));
        w.WriteStartArray("StreamSummaries");
        foreach (var s in page)
        {
            w.WriteStartObject();
            w.WriteString("StreamName", s.Name);
            w.WriteString("StreamARN", StreamArn.Of(s.Name));
            w.WriteString("StreamStatus", s.Status);
            w.WriteStartObject("StreamModeDetails");
            w.WriteString("StreamMode", s.Mode);
            w.WriteEndObject();
            w.WriteNumber("StreamCreationTimestamp", s.CreatedUnixMs / 1000.0);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        return Task.CompletedTask;
    }
}
