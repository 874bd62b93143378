using System.Text;
using System.Text.Json;
using Borealis.Streams.Model;

namespace Borealis.Streams.Api;

public sealed partial class KinesisApi
{
    /// <summary>
    /// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListShards.html — a NextToken
    /// (base64 of "stream/last shard index") stands instead of StreamName, as in Kinesis.
    /// ShardFilter is not built: every shard is open until resharding exists.
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
        if (args.Has("ShardFilter") && args.Root.GetProperty("ShardFilter").ValueKind != JsonValueKind.Object) throw KinesisErrors.Serialization("ShardFilter: expected an object");
        if (args.Has("ShardFilter") && new RequestArgs(args.Root.GetProperty("ShardFilter")).String("Type") is { } filter && filter != "AT_LATEST" && filter != "AT_TRIM_HORIZON" && filter != "FROM_TRIM_HORIZON")
            throw KinesisErrors.InvalidArgument($"ShardFilter {filter} is not built in Borealis yet (only AT_LATEST, AT_TRIM_HORIZON and FROM_TRIM_HORIZON, which list every shard while there is no resharding).");
        var stream = service.GetStream(name);
        var shards = stream.Shards.Where(s => s.Index > afterIndex).OrderBy(s => s.Index).ToList();
        var page = shards.Take(limit).ToList();
        w.WriteStartObject();
        w.WriteStartArray("Shards");
        foreach (var shard in page) WriteShard(w, shard);
        w.WriteEndArray();
        if (shards.Count > limit) w.WriteString("NextToken", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{name}/{page[^1].Index}")));
        w.WriteEndObject();
        return Task.CompletedTask;
    }
}
