using System.Text.Json;

namespace Borealis.Streams.Api;

public sealed partial class KinesisApi
{
    /// <summary>Tags one call may carry (AWS's TagMap bound); the stream as a whole keeps at most <see cref="StreamsService.MaxTags"/>.</summary>
    private const int MaxTagsPerCall = 200;
    private const int MaxTagKeysPerCall = 50;

    /// <summary>https://docs.aws.amazon.com/kinesis/latest/APIReference/API_AddTagsToStream.html</summary>
    private async Task AddTagsToStreamAsync(RequestArgs args, Utf8JsonWriter w, CancellationToken cancellationToken)
    {
        var name = args.StreamName();
        var tags = TagArgs.Map(args, "Tags", MaxTagsPerCall) ?? throw KinesisErrors.Validation("null", "tags", "Member must not be null");
        await service.AddTagsAsync(name, tags, cancellationToken).ConfigureAwait(false);
        w.WriteStartObject();
        w.WriteEndObject();
    }

    /// <summary>https://docs.aws.amazon.com/kinesis/latest/APIReference/API_RemoveTagsFromStream.html</summary>
    private async Task RemoveTagsFromStreamAsync(RequestArgs args, Utf8JsonWriter w, CancellationToken cancellationToken)
    {
        var name = args.StreamName();
        var keys = TagArgs.Keys(args, "TagKeys", MaxTagKeysPerCall);
        await service.RemoveTagsAsync(name, keys, cancellationToken).ConfigureAwait(false);
        w.WriteStartObject();
        w.WriteEndObject();
    }

    /// <summary>https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListTagsForStream.html — keys in order, paged by ExclusiveStartTagKey.</summary>
    private Task ListTagsForStream(RequestArgs args, Utf8JsonWriter w)
    {
        var stream = service.GetStream(args.StreamName());
        var limit = args.Int("Limit", 1, 50) ?? 50;
        var after = args.String("ExclusiveStartTagKey", 1, TagArgs.MaxKeyLength);
        var tags = (stream.Tags ?? new Dictionary<string, string>()).OrderBy(t => t.Key, StringComparer.Ordinal)
            .Where(t => after is null || string.CompareOrdinal(t.Key, after) > 0).ToList();
        w.WriteStartObject();
        WriteTagList(w, tags.Take(limit));
        w.WriteBoolean("HasMoreTags", tags.Count > limit);
        w.WriteEndObject();
        return Task.CompletedTask;
    }

    /// <summary>https://docs.aws.amazon.com/kinesis/latest/APIReference/API_TagResource.html — the ARN-addressed form; streams are the only resources Borealis tags.</summary>
    private async Task TagResourceAsync(RequestArgs args, Utf8JsonWriter w, CancellationToken cancellationToken)
    {
        var name = ResourceStream(args);
        var tags = TagArgs.Map(args, "Tags", MaxTagsPerCall) ?? throw KinesisErrors.Validation("null", "tags", "Member must not be null");
        await service.AddTagsAsync(name, tags, cancellationToken).ConfigureAwait(false);
        w.WriteStartObject();
        w.WriteEndObject();
    }

    /// <summary>https://docs.aws.amazon.com/kinesis/latest/APIReference/API_UntagResource.html</summary>
    private async Task UntagResourceAsync(RequestArgs args, Utf8JsonWriter w, CancellationToken cancellationToken)
    {
        var name = ResourceStream(args);
        var keys = TagArgs.Keys(args, "TagKeys", MaxTagKeysPerCall);
        await service.RemoveTagsAsync(name, keys, cancellationToken).ConfigureAwait(false);
        w.WriteStartObject();
        w.WriteEndObject();
    }

    /// <summary>https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListTagsForResource.html</summary>
    private Task ListTagsForResource(RequestArgs args, Utf8JsonWriter w)
    {
        var stream = service.GetStream(ResourceStream(args));
        w.WriteStartObject();
        WriteTagList(w, (stream.Tags ?? new Dictionary<string, string>()).OrderBy(t => t.Key, StringComparer.Ordinal));
        w.WriteEndObject();
        return Task.CompletedTask;
    }

    /// <summary>The stream a ResourceARN names; consumers (the other taggable resource) are not built.</summary>
    private static string ResourceStream(RequestArgs args)
    {
        var arn = args.RequiredString("ResourceARN", 1, 2048);
        return StreamArn.NameOf(arn) is { } name && !name.Contains('/', StringComparison.Ordinal)
            ? name
            : throw new KinesisException("ResourceNotFoundException", $"Resource {arn} under account {KinesisErrors.Account} not found.");
    }

    private static void WriteTagList(Utf8JsonWriter w, IEnumerable<KeyValuePair<string, string>> tags)
    {
        w.WriteStartArray("Tags");
        foreach (var (key, value) in tags)
        {
            w.WriteStartObject();
            w.WriteString("Key", key);
            w.WriteString("Value", value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
