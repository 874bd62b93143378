using System.Text;
using System.Text.Json;
using Borealis.Streams.Model;

namespace Borealis.Streams.Api;

public sealed partial class KinesisApi
{
    /// <summary>
    /// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListShards.html — a NextToken
    /// (base64 of "stream/last shard index") stands instead of StreamName, as in Kinesis;
    /// ShardFilter picks shards by when they were open (see <see cref="Filter"/>).
    /// </summary>
    private Task ListShards(RequestArgs args, Utf8JsonWriter w)
    {
        var limit = args.Int("MaxResults", 1, 10_000) ?? 1000;
        string name;
        var afterIndex = -1;
        if (args.String("NextToken", 1, 1048576) is { } token)
        {
            if (args.Has("StreamName") || args.Has("StreamARN")) throw KinesisErrors.InvalidArgument("NextToken and StreamName cannot be provided together.");
            string decoded;
            try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(token)); }
            catch (FormatException) { throw KinesisErrors.InvalidArgument("NextToken is not a token ListShards gave."); }
            var slash = decoded.LastIndexOf('/');
            if (slash <= 0 || !int.TryParse(decoded.AsSpan(slash + 1), System.Globalization.CultureInfo.InvariantCulture, out afterIndex))
                throw KinesisErrors.InvalidArgument("NextToken is not a token ListShards gave.");
            name = decoded[..slash];
        }
        else name = args.StreamName();
        if (args.String("ExclusiveStartShardId", 1, 128) is { } start && ShardId.TryParse(start, out var startShard)) afterIndex = Math.Max(afterIndex, startShard.Index);
        var stream = service.GetStream(name);
        var shards = Filter(stream, args).Where(s => s.Index > afterIndex).ToList();
        var page = shards.Take(limit).ToList();
        w.WriteStartObject();
        w.WriteStartArray("Shards");
        foreach (var shard in page) WriteShard(w, shard);
        w.WriteEndArray();
        if (shards.Count > limit) w.WriteString("NextToken", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{name}/{page[^1].Index}")));
        w.WriteEndObject();
        return Task.CompletedTask;
    }

    /// <summary>
    /// The listed shards (<see cref="ListedShards"/>) that ShardFilter keeps: AT_LATEST the open
    /// ones; AT_TRIM_HORIZON those open at the trim horizon (now less the retention period),
    /// FROM_TRIM_HORIZON those and every later one; AT_TIMESTAMP those open at the timestamp,
    /// FROM_TIMESTAMP those and every later one; AFTER_SHARD_ID those after the ShardId given.
    /// </summary>
    private IEnumerable<Catalog.ShardDefinition> Filter(Catalog.StreamDefinition stream, RequestArgs args)
    {
        var listed = ListedShards(stream);
        if (!args.Has("ShardFilter")) return listed;
        if (args.Root.GetProperty("ShardFilter").ValueKind != JsonValueKind.Object) throw KinesisErrors.Serialization("ShardFilter: expected an object");
        var filter = new RequestArgs(args.Root.GetProperty("ShardFilter"));
        var type = filter.RequiredString("Type");
        long Created(Catalog.ShardDefinition s) => s.CreatedUnixMs == 0 ? stream.CreatedUnixMs : s.CreatedUnixMs;
        bool OpenAt(Catalog.ShardDefinition s, long t) => Created(s) <= t && (s.IsOpen || s.ClosedUnixMs > t);
        bool OpenAtOrAfter(Catalog.ShardDefinition s, long t) => s.IsOpen || s.ClosedUnixMs > t;
        var horizon = service.Clock.GetUtcNow().AddHours(-stream.RetentionPeriodHours).ToUnixTimeMilliseconds();
        long Timestamp() => (filter.Timestamp("Timestamp") ?? throw KinesisErrors.InvalidArgument($"Timestamp must be provided for ShardFilter type {type}.")).ToUnixTimeMilliseconds();
        switch (type)
        {
            case "AT_LATEST":
                return listed.Where(s => s.IsOpen);
            case "AT_TRIM_HORIZON":
                return listed.Where(s => OpenAt(s, Math.Max(horizon, stream.CreatedUnixMs)));
            case "FROM_TRIM_HORIZON":
                return listed.Where(s => OpenAtOrAfter(s, horizon));
            case "AT_TIMESTAMP":
                var at = Timestamp();
                return listed.Where(s => OpenAt(s, Math.Max(at, stream.CreatedUnixMs)));
            case "FROM_TIMESTAMP":
                var from = Timestamp();
                return listed.Where(s => OpenAtOrAfter(s, from));
            case "AFTER_SHARD_ID":
                var text = filter.String("ShardId", 1, 128) ?? throw KinesisErrors.InvalidArgument("ShardId must be provided for ShardFilter type AFTER_SHARD_ID.");
                if (!ShardId.TryParse(text, out var after)) throw KinesisErrors.InvalidArgument($"ShardId {text} in ShardFilter is not a shard id.");
                return listed.Where(s => s.Index > after.Index);
            default:
                throw KinesisErrors.Validation(type, "shardFilter.type", "Member must satisfy enum value set: [AFTER_SHARD_ID, AT_TRIM_HORIZON, FROM_TRIM_HORIZON, AT_LATEST, AT_TIMESTAMP, FROM_TIMESTAMP]");
        }
    }
}
