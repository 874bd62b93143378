using System.Numerics;
using Borealis.Common;
using Borealis.Redo.Wire;
using Borealis.Streams.Api;
using Borealis.Streams.Catalog;
using Borealis.Streams.Model;
using Borealis.Streams.Storage;
using Borealis.Volume.Metadata;
using Microsoft.Extensions.Logging;

namespace Borealis.Streams;

/// <summary>
/// The streams of one Borealis: the catalog, and an open <see cref="ShardLog"/> (the writer of
/// the shard's volume) for every shard of every stream. Creating and deleting streams is
/// serialized; puts and reads go straight to the shards.
/// </summary>
public sealed partial class StreamsService : IAsyncDisposable
{
    public const int DefaultRetentionHours = 24;
    /// <summary>What an ON_DEMAND stream starts with, as in Kinesis.</summary>
    public const int OnDemandShards = 4;

    private readonly StreamsOptions _options;
    private readonly IClusterMetadata _metadata;
    private readonly IStorageTransport _transport;
    private readonly IReadOnlyList<NodeAddress> _fleet;
    private readonly ILogger _log;
    private readonly ILoggerFactory _loggers;
    private readonly SemaphoreSlim _changes = new(1, 1);
    private readonly object _gate = new();
    private readonly Dictionary<ulong, ShardLog> _shards = [];

    private StreamsService(StreamsOptions options, StreamCatalog catalog, IClusterMetadata metadata, IStorageTransport transport, IReadOnlyList<NodeAddress> fleet, ILoggerFactory loggers)
    {
        _options = options;
        Catalog = catalog;
        _metadata = metadata;
        _transport = transport;
        _fleet = fleet;
        _loggers = loggers;
        _log = loggers.CreateLogger("streams");
    }

    public StreamCatalog Catalog { get; }
    public TimeProvider Clock => _options.Clock;

    /// <summary>Opens the catalog and the writer of every shard's volume (finishing streams a crash left CREATING).</summary>
    public static async Task<StreamsService> StartAsync(StreamsOptions options, IClusterMetadata metadata, IStorageTransport transport, IReadOnlyList<NodeAddress> fleet, ILoggerFactory loggers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var store = await CatalogVolume.OpenAsync(fleet, metadata, transport, options.Volume, loggers.CreateLogger("stream catalog"), cancellationToken).ConfigureAwait(false);
        StreamCatalog catalog;
        try { catalog = await StreamCatalog.OpenAsync(store, cancellationToken).ConfigureAwait(false); }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var service = new StreamsService(options, catalog, metadata, transport, fleet, loggers);
        try
        {
            foreach (var stream in service.Catalog.Streams)
            {
                await service.OpenShardsAsync(stream, cancellationToken).ConfigureAwait(false);
                if (stream.Status != StreamStatus.Active) await service.Catalog.PutAsync(stream with { Status = StreamStatus.Active }, cancellationToken).ConfigureAwait(false);
            }
            service.StartTrimming();
            return service;
        }
        catch
        {
            await service.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<StreamDefinition> CreateStreamAsync(string name, int shardCount, string mode, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default)
    {
        if (shardCount > _options.MaxShardsPerStream)
            throw KinesisErrors.LimitExceeded($"This request would exceed the shard limit for the stream: Borealis allows {_options.MaxShardsPerStream} shards per stream, {shardCount} requested.");
        if (tags is { Count: > MaxTags }) throw KinesisErrors.InvalidArgument($"Failed to create stream {name} under account {KinesisErrors.Account} because a given stream cannot have more than {MaxTags} tags associated with it.");
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Catalog.Find(name) is not null) throw KinesisErrors.StreamExists(name);
            CheckAccountLimits(shardCount, mode == "ON_DEMAND" ? 1 : 0);
            var firstVolume = await Catalog.ReserveVolumesAsync(shardCount, cancellationToken).ConfigureAwait(false);
            var shards = HashKeyRange.SplitEvenly(shardCount)
                .Select((range, i) => new ShardDefinition(i, firstVolume + (ulong)i, HashKeyRange.Format(range.Start), HashKeyRange.Format(range.End)))
                .ToList();
            var stream = new StreamDefinition(name, StreamStatus.Creating, mode, DefaultRetentionHours, Clock.GetUtcNow().ToUnixTimeMilliseconds(), shards)
            {
                Tags = tags is { Count: > 0 } ? new SortedDictionary<string, string>(tags.ToDictionary(), StringComparer.Ordinal) : null,
                NextShardIndex = shardCount,
            };
            await Catalog.PutAsync(stream, cancellationToken).ConfigureAwait(false);
            await OpenShardsAsync(stream, cancellationToken).ConfigureAwait(false);
            stream = stream with { Status = StreamStatus.Active };
            await Catalog.PutAsync(stream, cancellationToken).ConfigureAwait(false);
            _log.LogInformation("stream {Stream} created with {Shards} shards", name, shardCount);
            return stream;
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Forgets the stream and closes its shards. Their volumes stay on the fleet: deleting volumes is not built yet.</summary>
    public async Task DeleteStreamAsync(string name, CancellationToken cancellationToken = default)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stream = Catalog.Find(name) ?? throw KinesisErrors.StreamNotFound(name);
            await Catalog.RemoveAsync(name, cancellationToken).ConfigureAwait(false);
            var logs = new List<ShardLog>();
            lock (_gate)
                foreach (var shard in stream.Shards)
                    if (shard.HasVolume && _shards.Remove(shard.Volume, out var log)) logs.Add(log);
            foreach (var log in logs) await log.DisposeAsync().ConfigureAwait(false);
            _log.LogInformation("stream {Stream} deleted", name);
        }
        finally
        {
            _changes.Release();
        }
    }

    public StreamDefinition GetStream(string name) => Catalog.Find(name) ?? throw KinesisErrors.StreamNotFound(name);

    /// <summary>A shard of the stream and its log; the log is null only for a shard that never had a volume (<see cref="ShardDefinition.HasVolume"/>).</summary>
    public (ShardDefinition Definition, ShardLog? Log) GetShard(StreamDefinition stream, ShardId shard)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var definition = stream.Shards.FirstOrDefault(s => s.Index == shard.Index) ?? throw KinesisErrors.ShardNotFound(shard.ToString(), stream.Name);
        if (!definition.HasVolume) return (definition, null);
        lock (_gate)
            return _shards.TryGetValue(definition.Volume, out var log) ? (definition, log) : throw KinesisErrors.StreamNotFound(stream.Name);
    }

    private Task OpenShardsAsync(StreamDefinition stream, CancellationToken cancellationToken) => OpenShardsAsync(stream.Name, stream.Shards, cancellationToken);

    /// <summary>Opens (creating the first time) the volume of every shard that has one; a closed shard's log refuses appends again.</summary>
    private async Task OpenShardsAsync(string streamName, IEnumerable<ShardDefinition> shards, CancellationToken cancellationToken)
    {
        var opened = await Task.WhenAll(shards.Where(s => s.HasVolume).Select(async shard =>
        {
            var placement = ShardPlacement.Choose(_fleet, shard.Volume);
            var log = await ShardLog.OpenAsync(new VolumeId(shard.Volume), placement, _options.ShardSegmentBytes, _metadata, _transport, _options.Volume, _options.Clock,
                _loggers.CreateLogger($"stream {streamName} {new ShardId(shard.Index)}"), cancellationToken).ConfigureAwait(false);
            if (shard.EndPosition is { } end) log.MarkClosed(end);
            if (_options.ShardThroughput is { } limits) log.Throughput = new Throughput.ShardThroughput(limits, _options.Clock);
            return (shard.Volume, log);
        })).ConfigureAwait(false);
        lock (_gate)
            foreach (var (volume, log) in opened) _shards[volume] = log;
    }

    public async ValueTask DisposeAsync()
    {
        await StopTrimmingAsync().ConfigureAwait(false);
        List<ShardLog> logs;
        lock (_gate)
        {
            logs = [.. _shards.Values];
            _shards.Clear();
        }
        foreach (var log in logs) await log.DisposeAsync().ConfigureAwait(false);
        await Catalog.DisposeAsync().ConfigureAwait(false);
        _changes.Dispose();
    }
}
