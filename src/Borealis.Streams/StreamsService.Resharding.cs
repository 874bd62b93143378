using System.Globalization;
using Borealis.Streams.Api;
using Borealis.Streams.Catalog;
using Borealis.Streams.Model;
using Borealis.Streams.Storage;
using Microsoft.Extensions.Logging;

namespace Borealis.Streams;

/// <summary>
/// Resharding: SplitShard, MergeShards and UpdateShardCount close parent shards and open
/// children with the parents recorded, as Kinesis's lineage. Every step is: create the open
/// children's volumes, close the parents' logs (no append starts after, and the end is taken once
/// all earlier appends are durable), then record parents' ends and children in the catalog in one
/// durable change. A put that meets a closed parent before the catalog names its children waits
/// for the change and is routed again (<see cref="WaitForReshardAsync"/>). A crash before the
/// catalog change leaves the parents open and the new volumes unused (their ids are never reused).
/// </summary>
public sealed partial class StreamsService
{
    private static string Key(UInt128 key) => key.ToString(CultureInfo.InvariantCulture);
    private static UInt128 Start(ShardDefinition s) => UInt128.Parse(s.StartingHashKey, CultureInfo.InvariantCulture);
    private static UInt128 End(ShardDefinition s) => UInt128.Parse(s.EndingHashKey, CultureInfo.InvariantCulture);

    public async Task<StreamDefinition> SplitShardAsync(string name, string shardText, string newStartingHashKey, CancellationToken cancellationToken = default)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stream = GetStream(name);
            var parent = ReshardableShard(stream, shardText);
            if (!PartitionKeyHash.TryParseExplicit(newStartingHashKey, out var splitAt) || splitAt <= Start(parent) || splitAt > End(parent))
                throw KinesisErrors.InvalidArgument($"NewStartingHashKey {newStartingHashKey} used in SplitShard() on shard {new ShardId(parent.Index)} in stream {name} under account {KinesisErrors.Account} is not both greater than one plus the shard's StartingHashKey {parent.StartingHashKey} and less than the shard's EndingHashKey {parent.EndingHashKey}.");
            var now = Clock.GetUtcNow().ToUnixTimeMilliseconds();
            var next = NextIndex(stream);
            ShardDefinition[] children =
            [
                new(next, 0, parent.StartingHashKey, Key(splitAt - 1)) { ParentIndex = parent.Index, CreatedUnixMs = now },
                new(next + 1, 0, Key(splitAt), parent.EndingHashKey) { ParentIndex = parent.Index, CreatedUnixMs = now },
            ];
            return await ReshardAsync(stream, [parent.Index], children, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _changes.Release();
        }
    }

    public async Task<StreamDefinition> MergeShardsAsync(string name, string shardText, string adjacentText, CancellationToken cancellationToken = default)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stream = GetStream(name);
            var shard = ReshardableShard(stream, shardText);
            var adjacent = ReshardableShard(stream, adjacentText);
            var (low, high) = Start(shard) < Start(adjacent) ? (shard, adjacent) : (adjacent, shard);
            if (shard.Index == adjacent.Index || End(low) == UInt128.MaxValue || End(low) + 1 != Start(high))
                throw KinesisErrors.InvalidArgument($"Shards {new ShardId(shard.Index)} and {new ShardId(adjacent.Index)} in stream {name} under account {KinesisErrors.Account} are not an adjacent pair of shards eligible for merging");
            var child = new ShardDefinition(NextIndex(stream), 0, low.StartingHashKey, high.EndingHashKey)
            {
                ParentIndex = shard.Index,
                AdjacentParentIndex = adjacent.Index,
                CreatedUnixMs = Clock.GetUtcNow().ToUnixTimeMilliseconds(),
            };
            return await ReshardAsync(stream, [shard.Index, adjacent.Index], [child], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>
    /// UNIFORM_SCALING to <paramref name="target"/> shards of equal hash key ranges, as Kinesis
    /// does it: splits of the open shards at every new boundary inside them, then merges of the
    /// pieces of each new range, left to right. Pieces that are split or merged again in the same
    /// step are closed at once (no records, no volume); they keep every child at two parents at
    /// most, so readers can follow the lineage. An open shard that already is a new range stays.
    /// </summary>
    public async Task<(int Current, StreamDefinition Stream)> UpdateShardCountAsync(string name, int target, CancellationToken cancellationToken = default)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stream = GetStream(name);
            var open = stream.OpenShards.OrderBy(Start).ToList();
            if (target > 2 * open.Count)
                throw KinesisErrors.LimitExceeded($"UpdateShardCount cannot scale up over double your current open shard count. Current open shard count: {open.Count} Target shard count: {target}");
            if (target * 2 < open.Count)
                throw KinesisErrors.LimitExceeded($"UpdateShardCount cannot scale down below half your current open shard count. Current open shard count: {open.Count} Target shard count: {target}");
            if (target == open.Count && open.Select(s => (Start(s), End(s))).SequenceEqual(HashKeyRange.SplitEvenly(target).Select(r => ((UInt128)r.Start, (UInt128)r.End))))
                return (open.Count, stream);

            var ranges = HashKeyRange.SplitEvenly(target).Select(r => ((UInt128)r.Start, (UInt128)r.End)).ToList();
            var now = Clock.GetUtcNow().ToUnixTimeMilliseconds();
            var next = NextIndex(stream);
            var children = new List<ShardDefinition>();
            var closing = new List<int>();
            var closedNow = new HashSet<int>(); // children closed in this same step
            ShardDefinition NewShard(UInt128 start, UInt128 end, int parent, int? adjacent) =>
                new(next++, 0, Key(start), Key(end)) { ParentIndex = parent, AdjacentParentIndex = adjacent, CreatedUnixMs = now };

            // Splits: every new range start strictly inside an open shard cuts it.
            var pieces = new List<ShardDefinition>();
            foreach (var shard in open)
            {
                var piece = shard;
                foreach (var (cut, _) in ranges.Where(r => r.Item1 > Start(shard) && r.Item1 <= End(shard)))
                {
                    if (piece.Index != shard.Index) closedNow.Add(piece.Index);
                    else closing.Add(shard.Index);
                    var left = NewShard(Start(piece), cut - 1, piece.Index, null);
                    var right = NewShard(cut, End(piece), piece.Index, null);
                    children.Add(left);
                    children.Add(right);
                    pieces.Add(left);
                    piece = right;
                }
                pieces.Add(piece);
            }
            // Merges: the pieces of each new range, left to right.
            foreach (var (start, end) in ranges)
            {
                var group = pieces.Where(p => Start(p) >= start && End(p) <= end).OrderBy(Start).ToList();
                var merged = group[0];
                foreach (var piece in group.Skip(1))
                {
                    foreach (var parent in new[] { merged, piece })
                    {
                        if (children.Any(c => c.Index == parent.Index)) closedNow.Add(parent.Index);
                        else closing.Add(parent.Index);
                    }
                    var child = NewShard(Start(merged), End(piece), merged.Index, piece.Index);
                    children.Add(child);
                    merged = child;
                }
            }
            var final = children.Select(c => closedNow.Contains(c.Index) ? c with { EndPosition = 0, ClosedUnixMs = now } : c).ToList();
            var updated = await ReshardAsync(stream, [.. closing.Distinct()], final, cancellationToken).ConfigureAwait(false);
            return (open.Count, updated);
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>
    /// Waits until the catalog shows shard <paramref name="shardIndex"/> of the stream closed (a
    /// put met it closed while resharding was recording its children) and returns that definition.
    /// </summary>
    public async Task<StreamDefinition> WaitForReshardAsync(string name, int shardIndex, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var stream = GetStream(name);
            if (stream.Shards.FirstOrDefault(s => s.Index == shardIndex) is { IsOpen: false }) return stream;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"shard {new ShardId(shardIndex)} of {name} is closed but the catalog does not say so");
            await Task.Delay(2, cancellationToken).ConfigureAwait(false);
        }
    }

    private static int NextIndex(StreamDefinition stream) => Math.Max(stream.NextShardIndex, stream.Shards.Max(s => s.Index) + 1);

    /// <summary>An open shard of the stream named as the request names it, or the error Kinesis gives.</summary>
    private static ShardDefinition ReshardableShard(StreamDefinition stream, string text)
    {
        var shard = ShardId.TryParse(text, out var id) ? stream.Shards.FirstOrDefault(s => s.Index == id.Index) : null;
        if (shard is null) throw new KinesisException("ResourceNotFoundException", $"Could not find shard {text} in stream {stream.Name} under account {KinesisErrors.Account}.");
        if (!shard.IsOpen)
            throw KinesisErrors.InvalidArgument($"Shard {new ShardId(shard.Index)} in stream {stream.Name} under account {KinesisErrors.Account} has already been merged or split, and thus is not eligible for merging or splitting.");
        return shard;
    }

    /// <summary>
    /// Closes <paramref name="closing"/> and adds <paramref name="children"/> (those still open get
    /// volumes of their own). Under the change gate.
    /// </summary>
    private async Task<StreamDefinition> ReshardAsync(StreamDefinition stream, IReadOnlyList<int> closing, IReadOnlyList<ShardDefinition> children, CancellationToken cancellationToken)
    {
        var opening = children.Count(c => c.IsOpen);
        var openAfter = stream.OpenShards.Count() - closing.Count + opening;
        if (openAfter > _options.MaxShardsPerStream)
            throw KinesisErrors.LimitExceeded($"This request would exceed the shard limit for the stream: Borealis allows {_options.MaxShardsPerStream} open shards per stream, {openAfter} requested.");
        CheckAccountLimits(opening - closing.Count, 0);
        var firstVolume = await Catalog.ReserveVolumesAsync(opening, cancellationToken).ConfigureAwait(false);
        var k = 0UL;
        var placed = children.Select(c => c.IsOpen ? c with { Volume = firstVolume + k++ } : c).ToList();
        await OpenShardsAsync(stream.Name, placed, cancellationToken).ConfigureAwait(false);

        var ends = new Dictionary<int, ulong>();
        var closedLogs = new List<ShardLog>();
        try
        {
            foreach (var index in closing)
            {
                var (_, log) = GetShard(stream, new ShardId(index));
                if (log is null) continue;
                ends[index] = await log.CloseAsync(cancellationToken).ConfigureAwait(false);
                closedLogs.Add(log);
            }
            var now = Clock.GetUtcNow().ToUnixTimeMilliseconds();
            var shards = stream.Shards
                .Select(s => closing.Contains(s.Index) ? s with { EndPosition = ends.GetValueOrDefault(s.Index), ClosedUnixMs = now } : s)
                .Concat(placed).ToList();
            var next = stream with { Shards = shards, NextShardIndex = shards.Max(s => s.Index) + 1 };
            await Catalog.PutAsync(next, cancellationToken).ConfigureAwait(false);
            _log.LogInformation("stream {Stream} resharded: closed {Closed}, opened {Opened}", stream.Name,
                string.Join(' ', closing.Select(i => new ShardId(i))), string.Join(' ', placed.Where(c => c.IsOpen).Select(c => new ShardId(c.Index))));
            return next;
        }
        catch
        {
            // The catalog still has the parents open: let them take appends again.
            foreach (var log in closedLogs) log.Reopen();
            throw;
        }
    }
}
