using System.Globalization;
using Borealis.Streams.Api;
using Borealis.Streams.Model;
using Microsoft.Extensions.Logging;

namespace Borealis.Streams;

public sealed partial class StreamsService
{
    public const int MinRetentionHours = 24;
    public const int MaxRetentionHours = 8760;

    private readonly CancellationTokenSource _stopTrimming = new();
    private Task _trimming = Task.CompletedTask;

    /// <summary>
    /// Increase/DecreaseStreamRetentionPeriod: checks the new value against the bounds and the
    /// current value as Kinesis does (InvalidArgumentException, in its words), then records it.
    /// A shorter retention takes effect at the next trim.
    /// </summary>
    public async Task SetRetentionAsync(string name, int hours, bool increase, CancellationToken cancellationToken = default)
    {
        if (hours < MinRetentionHours)
            throw KinesisErrors.InvalidArgument(string.Create(CultureInfo.InvariantCulture, $"Minimum allowed retention period is {MinRetentionHours} hours. Requested retention period ({hours} hours) is too short."));
        if (hours > MaxRetentionHours)
            throw KinesisErrors.InvalidArgument(string.Create(CultureInfo.InvariantCulture, $"Maximum allowed retention period is {MaxRetentionHours} hours. Requested retention period ({hours} hours) is too long."));
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stream = GetStream(name);
            if (increase && hours < stream.RetentionPeriodHours)
                throw KinesisErrors.InvalidArgument(string.Create(CultureInfo.InvariantCulture,
                    $"Requested retention period ({hours} hours) for stream {name} can not be shorter than existing retention period ({stream.RetentionPeriodHours} hours). Use DecreaseRetentionPeriod API."));
            if (!increase && hours > stream.RetentionPeriodHours)
                throw KinesisErrors.InvalidArgument(string.Create(CultureInfo.InvariantCulture,
                    $"Requested retention period ({hours} hours) for stream {name} can not be longer than existing retention period ({stream.RetentionPeriodHours} hours). Use IncreaseRetentionPeriod API."));
            if (hours == stream.RetentionPeriodHours) return;
            await Catalog.PutAsync(stream with { RetentionPeriodHours = hours }, cancellationToken).ConfigureAwait(false);
            _log.LogInformation("stream {Stream} retention {Hours} h", name, hours);
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Trims, in every shard of every stream, the records older than the stream's retention; returns how many shards moved their trim horizon.</summary>
    public async Task<int> TrimExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = Clock.GetUtcNow();
        var moved = 0;
        foreach (var stream in Catalog.Streams)
        {
            var cutoff = now.AddHours(-stream.RetentionPeriodHours).ToUnixTimeMilliseconds();
            foreach (var shard in stream.Shards)
            {
                Storage.ShardLog? log;
                try { (_, log) = GetShard(stream, new ShardId(shard.Index)); }
                catch (KinesisException) { continue; } // deleted meanwhile
                if (log is not null && await log.TrimBeforeAsync(cutoff, cancellationToken).ConfigureAwait(false)) moved++;
            }
        }
        return moved;
    }

    private void StartTrimming()
    {
        if (_options.TrimInterval <= TimeSpan.Zero) return;
        _trimming = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(_options.TrimInterval);
            try
            {
                while (await timer.WaitForNextTickAsync(_stopTrimming.Token).ConfigureAwait(false))
                {
                    try
                    {
                        var moved = await TrimExpiredAsync(_stopTrimming.Token).ConfigureAwait(false);
                        if (moved > 0) _log.LogInformation("trimmed records past retention in {Shards} shards", moved);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // A shard the fleet cannot serve right now is trimmed on a later round.
                        _log.LogWarning(e, "trimming records past retention failed; retrying in {Interval}", _options.TrimInterval);
                    }
                }
            }
            catch (OperationCanceledException) when (_stopTrimming.IsCancellationRequested) { }
        });
    }

    private async Task StopTrimmingAsync()
    {
        await _stopTrimming.CancelAsync().ConfigureAwait(false);
        await _trimming.ConfigureAwait(false);
        _stopTrimming.Dispose();
    }
}
