using System.Collections.Concurrent;
using System.Text.Json;
using Borealis.Streams.Api.EventStream;
using Borealis.Streams.Catalog;
using Borealis.Streams.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Borealis.Streams.Api;

public sealed partial class KinesisApi
{
    /// <summary>Records and bytes one SubscribeToShardEvent carries at most.</summary>
    private const int MaxEventRecords = 10_000;
    private const long MaxEventBytes = 1024 * 1024;
    /// <summary>An idle subscription still gets an (empty) event this often, with a fresh ContinuationSequenceNumber, as Kinesis sends them.</summary>
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(5);
    /// <summary>How long a subscription sleeps without a put before it looks again (at the catalog: deregistration, deletion, resharding).</summary>
    private static readonly TimeSpan IdleWake = TimeSpan.FromSeconds(1);

    /// <summary>Base64 data unescaped, as GetRecords writes it.</summary>
    private static readonly JsonWriterOptions EventJsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Active subscriptions, by consumer ARN and shard index: one at a time each, as in Kinesis.</summary>
    private readonly ConcurrentDictionary<(string Consumer, int Shard), bool> _subscriptions = new();

    /// <summary>
    /// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_SubscribeToShard.html — checks
    /// the request (errors are answered as any operation's, before the stream starts), then answers
    /// an event stream: an initial-response, then SubscribeToShardEvents as records become durable
    /// (the shard's appends wake the subscription), for 5 minutes or until the shard ends
    /// (ChildShards), the consumer or the stream goes, or the client leaves.
    /// </summary>
    public async Task SubscribeToShardAsync(RequestArgs args, HttpResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        args.RequiredString("ConsumerARN", 1, 2048);
        var (stream, consumer) = FindConsumer(args);
        var shardText = args.RequiredString("ShardId", 1, 128);
        if (!ShardId.TryParse(shardText, out var shard)) throw KinesisErrors.ShardNotFound(shardText, stream.Name);
        var (_, log) = service.GetShard(stream, shard);
        if (!args.Has("StartingPosition") || args.Root.GetProperty("StartingPosition").ValueKind != JsonValueKind.Object)
            throw KinesisErrors.Validation("null", "startingPosition", "Member must not be null");
        var starting = new RequestArgs(args.Root.GetProperty("StartingPosition"));
        var position = await StartPositionAsync(starting.RequiredString("Type"), "startingPosition.type", starting.String("SequenceNumber", 0, 128),
            starting.Timestamp("Timestamp"), shard, log, cancellationToken).ConfigureAwait(false);
        // Keyed by the ARN as this server writes it, so two spellings of one ARN are one consumer.
        var key = (ConsumerArn.Of(stream.Name, consumer), shard.Index);
        if (!_subscriptions.TryAdd(key, true))
            throw new KinesisException("ResourceInUseException", $"Another active subscription exists for this consumer: {KinesisErrors.Account}:{stream.Name}:{shard}:{consumer.Name}");
        try
        {
            await StreamEventsAsync(stream, consumer, shard, log, position, response, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _subscriptions.TryRemove(key, out _);
        }
    }

    private async Task StreamEventsAsync(StreamDefinition stream, ConsumerDefinition consumer, ShardId shard, Storage.ShardLog? shardLog, ulong position,
        HttpResponse response, CancellationToken cancellationToken)
    {
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lifetime.CancelAfter(service.SubscriptionLifetime);
        var ct = lifetime.Token;
        response.StatusCode = 200;
        response.ContentType = EventStreamMessage.ContentType;
        using var message = new PooledBufferWriter(64 * 1024);
        using var payload = new PooledBufferWriter(64 * 1024);
        await using var json = new Utf8JsonWriter(payload, EventJsonOptions);
        var records = new SubscriptionRecords(shard) { Writer = json };
        var lastEvent = service.Clock.GetTimestamp();
        try
        {
            EventStreamMessage.WriteEvent(message, "initial-response"u8, "{}"u8);
            await SendAsync(response, message, ct).ConfigureAwait(false);
            while (true)
            {
                // The catalog says whether the stream, the consumer and the shard's end are still as they were.
                var current = service.Catalog.Find(stream.Name);
                if (current is null || current.CreatedUnixMs != stream.CreatedUnixMs || current.Consumers?.Contains(consumer) != true) return;
                var definition = current.Shards.First(s => s.Index == shard.Index);
                var end = shardLog is null ? 0 : definition.EndPosition;
                var wake = shardLog?.WaitForAppendAsync(position);
                payload.Clear();
                json.Reset(payload);
                json.WriteStartObject();
                json.WriteStartArray("Records"u8);
                var read = shardLog is null
                    ? new Storage.ShardLog.ReadOutcome(0, position, 0)
                    : await shardLog.ReadAsync(position, MaxEventRecords, MaxEventBytes, records, end ?? ulong.MaxValue, ct).ConfigureAwait(false);
                json.WriteEndArray();
                position = read.Next;
                var atEnd = end is { } closedAt && position >= closedAt;
                if (read.Count > 0 || atEnd || service.Clock.GetElapsedTime(lastEvent) >= Heartbeat)
                {
                    if (atEnd) WriteChildShards(json, current, definition);
                    else
                    {
                        // The last record delivered; before any, where the subscription stands (AT_SEQUENCE_NUMBER resumes there).
                        json.WriteString("ContinuationSequenceNumber"u8, new SequenceNumber(shard, records.LastPosition ?? position).ToString());
                    }
                    var tail = shardLog?.Tail ?? default;
                    json.WriteNumber("MillisBehindLatest"u8, atEnd || position >= tail.Position || read.Count == 0 ? 0 : Math.Max(0, tail.LastArrivalUnixMs - read.LastArrivalUnixMs));
                    json.WriteEndObject();
                    json.Flush();
                    EventStreamMessage.WriteEvent(message, "SubscribeToShardEvent"u8, payload.WrittenMemory.Span);
                    await SendAsync(response, message, ct).ConfigureAwait(false);
                    lastEvent = service.Clock.GetTimestamp();
                }
                if (atEnd) return;
                if (read.Count == 0 && wake is not null)
                {
                    try { await wake.WaitAsync(IdleWake, ct).ConfigureAwait(false); }
                    catch (TimeoutException) { }
                }
            }
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            // Five minutes are up, or the client left: the stream ends, as Kinesis ends it.
        }
        catch (ObjectDisposedException)
        {
            // The stream was deleted (its shard logs closed) under the subscription.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Mid-stream there is no HTTP status left to answer with: the error goes as an exception event, and the stream ends.
            log.LogError(e, "SubscribeToShard of {Stream} {Shard} failed", stream.Name, shard);
            message.Clear();
            EventStreamMessage.WriteException(message, "InternalFailureException"u8, """{"message":"Internal service failure."}"""u8);
            try { await SendAsync(response, message, cancellationToken).ConfigureAwait(false); }
            catch (Exception) when (cancellationToken.IsCancellationRequested) { }
        }
    }

    private static async Task SendAsync(HttpResponse response, PooledBufferWriter message, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(message.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        message.Clear();
    }
}
