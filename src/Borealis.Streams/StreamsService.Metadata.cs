using Borealis.Streams.Api;
using Borealis.Streams.Catalog;

namespace Borealis.Streams;

public sealed partial class StreamsService
{
    /// <summary>Tags a stream may have, as in Kinesis.</summary>
    public const int MaxTags = 50;

    /// <summary>What DescribeLimits reports: the limits and what is in use now.</summary>
    public readonly record struct Limits(int ShardLimit, int OpenShardCount, int OnDemandStreamCount, int OnDemandStreamCountLimit);

    public Limits CurrentLimits() => new(_options.MaxShards, Catalog.Streams.Sum(s => s.OpenShards.Count()),
        Catalog.Streams.Count(s => s.Mode == "ON_DEMAND"), _options.MaxOnDemandStreams);

    /// <summary>LimitExceededException if <paramref name="moreShards"/> more open shards or <paramref name="moreOnDemand"/> more ON_DEMAND streams would pass the account's limits. Call under the change gate.</summary>
    private void CheckAccountLimits(int moreShards, int moreOnDemand)
    {
        var now = CurrentLimits();
        if (now.OpenShardCount + moreShards > now.ShardLimit)
            throw KinesisErrors.LimitExceeded($"This request would exceed the shard limit for the account {KinesisErrors.Account} in {KinesisErrors.Region}. Current shard count for the account: {now.OpenShardCount}. Limit: {now.ShardLimit}. Number of additional shards that would have resulted from this request: {moreShards}.");
        if (moreOnDemand > 0 && now.OnDemandStreamCount + moreOnDemand > now.OnDemandStreamCountLimit)
            throw KinesisErrors.LimitExceeded($"This request would exceed the limit of {now.OnDemandStreamCountLimit} on-demand streams for the account {KinesisErrors.Account} in {KinesisErrors.Region}.");
    }

    /// <summary>
    /// Changes one stream's definition under the change gate and makes it durable before anyone
    /// sees it; <paramref name="change"/> sees the current definition and may throw the AWS error
    /// that forbids the change. Returns the new definition.
    /// </summary>
    public async Task<StreamDefinition> ChangeStreamAsync(string name, Func<StreamDefinition, StreamDefinition> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stream = GetStream(name);
            var next = change(stream);
            if (!ReferenceEquals(next, stream)) await Catalog.PutAsync(next, cancellationToken).ConfigureAwait(false);
            return next;
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>AddTagsToStream: adds or overwrites, within the 50-tag limit.</summary>
    public Task<StreamDefinition> AddTagsAsync(string name, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default) =>
        ChangeStreamAsync(name, stream =>
        {
            var merged = new SortedDictionary<string, string>(stream.Tags?.ToDictionary() ?? [], StringComparer.Ordinal);
            foreach (var (key, value) in tags) merged[key] = value;
            if (merged.Count > MaxTags)
                throw KinesisErrors.InvalidArgument($"Failed to add tags to stream {name} under account {KinesisErrors.Account} because a given stream cannot have more than {MaxTags} tags associated with it.");
            return stream with { Tags = merged };
        }, cancellationToken);

    /// <summary>RemoveTagsFromStream: keys the stream does not have are ignored, as in Kinesis.</summary>
    public Task<StreamDefinition> RemoveTagsAsync(string name, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
        ChangeStreamAsync(name, stream =>
        {
            if (stream.Tags is null || !keys.Any(stream.Tags.ContainsKey)) return stream;
            var kept = new SortedDictionary<string, string>(stream.Tags.Where(t => !keys.Contains(t.Key)).ToDictionary(), StringComparer.Ordinal);
            return stream with { Tags = kept.Count == 0 ? null : kept };
        }, cancellationToken);

    /// <summary>UpdateStreamMode: the shards stay as they are (Borealis does not scale ON_DEMAND streams by itself).</summary>
    public Task<StreamDefinition> SetModeAsync(string name, string mode, CancellationToken cancellationToken = default) =>
        ChangeStreamAsync(name, stream =>
        {
            if (stream.Mode == mode) return stream;
            if (mode == "ON_DEMAND") CheckAccountLimits(0, 1);
            return stream with { Mode = mode };
        }, cancellationToken);
}
