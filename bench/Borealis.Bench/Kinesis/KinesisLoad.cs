using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Diagnostics;
using System.Text.Json;
using Borealis.Bench.Support;

namespace Borealis.Bench.Kinesis;

/// <summary>
/// One run against one server: a stream of N shards, producers that each loop PutRecords of 500
/// records of 100 bytes (unique partition keys, so every batch spreads over every shard), and one
/// consumer per shard looping GetRecords from TRIM_HORIZON. Every record carries the Stopwatch
/// time its batch was sent and an id (producer, counter), so the consumer measures put-to-read
/// latency and, once the producers stop and the consumers have drained, every acknowledged id
/// is looked for among those read: any missing one is a lost record.
/// </summary>
internal static class KinesisLoad
{
    public const int RecordBytes = 100;
    public const int BatchSize = 500;
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);

    public sealed record Outcome(double Seconds, long PutInWindow, long ReadInWindow, long Acked, long Failed, long Lost, long Duplicates, LatencyHistogram PutLatency, LatencyHistogram EndToEnd)
    {
        public double PutPerSecond => PutInWindow / Seconds;
        public double ReadPerSecond => ReadInWindow / Seconds;
    }

    /// <summary>The measuring window, in Stopwatch timestamps: figures count only what completes inside it.</summary>
    private sealed class Window
    {
        private long _from = long.MaxValue;
        private long _until = long.MaxValue;

        public bool Producing => Volatile.Read(ref _until) == long.MaxValue;
        public bool Contains(long timestamp) => timestamp >= Volatile.Read(ref _from) && timestamp <= Volatile.Read(ref _until);
        public void Open(long timestamp) => Volatile.Write(ref _from, timestamp);
        public void Close(long timestamp) => Volatile.Write(ref _until, timestamp);
        public double Seconds => (double)(_until - _from) / Stopwatch.Frequency;
    }

    private sealed class Producer(int index)
    {
        public int Index { get; } = index;
        public List<long> Acked { get; } = [];
        public LatencyHistogram Latency { get; } = new();
        public long InWindow { get; set; }
        public long Failed { get; set; }
    }

    private sealed class Consumer
    {
        public List<long> Seen { get; } = [];
        public LatencyHistogram EndToEnd { get; } = new();
        public long InWindow { get; set; }
    }

    public static async Task<Outcome> RunAsync(BenchKinesisClient client, string stream, int shards, int producers, TimeSpan warmup, TimeSpan measure, TimeSpan emptyPollDelay, CancellationToken cancellationToken)
    {
        var shardIds = await CreateStreamAsync(client, stream, shards, cancellationToken).ConfigureAwait(false);
        var window = new Window();
        long seenTotal = 0;
        var target = long.MaxValue; // the acknowledged count, once the producers stop
        using var drainDeadline = new CancellationTokenSource();
        var consumers = new List<(Consumer State, Task Task)>();
        foreach (var shard in shardIds)
        {
            var consumer = new Consumer();
            consumers.Add((consumer, Task.Run(() => ConsumeAsync(client, stream, shard, consumer, window, emptyPollDelay,
                () => Interlocked.Read(ref seenTotal) >= Volatile.Read(ref target), n => Interlocked.Add(ref seenTotal, n), drainDeadline.Token), cancellationToken)));
        }
        var producerStates = Enumerable.Range(0, producers).Select(i => new Producer(i)).ToList();
        var producing = producerStates.Select(p => Task.Run(() => ProduceAsync(client, stream, p, window, cancellationToken), cancellationToken)).ToList();
        try
        {
            await Task.Delay(warmup, cancellationToken).ConfigureAwait(false);
            window.Open(Stopwatch.GetTimestamp());
            await Task.Delay(measure, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            window.Close(Stopwatch.GetTimestamp());
        }
        await Task.WhenAll(producing).ConfigureAwait(false);
        var acked = producerStates.Sum(p => (long)p.Acked.Count);
        Volatile.Write(ref target, acked);
        drainDeadline.CancelAfter(DrainTimeout);
        await Task.WhenAll(consumers.Select(c => c.Task)).ConfigureAwait(false);

        var seen = consumers.SelectMany(c => c.State.Seen).ToArray();
        Array.Sort(seen);
        long duplicates = 0;
        for (var i = 1; i < seen.Length; i++) if (seen[i] == seen[i - 1]) duplicates++;
        long lost = 0;
        foreach (var p in producerStates)
            foreach (var id in p.Acked)
                if (Array.BinarySearch(seen, id) < 0) lost++;
        var putLatency = new LatencyHistogram();
        foreach (var p in producerStates) putLatency.Add(p.Latency);
        var endToEnd = new LatencyHistogram();
        foreach (var c in consumers) endToEnd.Add(c.State.EndToEnd);
        return new Outcome(window.Seconds, producerStates.Sum(p => p.InWindow), consumers.Sum(c => c.State.InWindow), acked,
            producerStates.Sum(p => p.Failed), lost, duplicates, putLatency, endToEnd);
    }

    private static async Task<List<string>> CreateStreamAsync(BenchKinesisClient client, string stream, int shards, CancellationToken cancellationToken)
    {
        (await client.CallAsync("CreateStream", w =>
        {
            w.WriteString("StreamName", stream);
            w.WriteNumber("ShardCount", shards);
        }, cancellationToken).ConfigureAwait(false)).Dispose();
        var deadline = Stopwatch.GetTimestamp() + 30 * Stopwatch.Frequency;
        while (true)
        {
            using var described = await client.CallAsync("DescribeStream", w => w.WriteString("StreamName", stream), cancellationToken).ConfigureAwait(false);
            var description = described.RootElement.GetProperty("StreamDescription");
            if (description.GetProperty("StreamStatus").GetString() == "ACTIVE")
                return [.. description.GetProperty("Shards").EnumerateArray().Select(s => s.GetProperty("ShardId").GetString()!)];
            if (Stopwatch.GetTimestamp() > deadline) throw new TimeoutException($"{client.Name}: stream {stream} not ACTIVE after 30 s");
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ProduceAsync(BenchKinesisClient client, string stream, Producer producer, Window window, CancellationToken cancellationToken)
    {
        var body = new ArrayBufferWriter<byte>(128 * 1024);
        var ids = new long[BatchSize];
        var responseBuffer = new ResponseBuffer();
        var counter = 0L;
        var dataBuffer = new byte[RecordBytes];
        var keyBuffer = new byte[32];
        while (window.Producing)
        {
            body.ResetWrittenCount();
            var sent = Stopwatch.GetTimestamp();
            using (var w = new Utf8JsonWriter(body))
            {
                w.WriteStartObject();
                w.WriteString("StreamName"u8, stream);
                w.WriteStartArray("Records"u8);
                var data = dataBuffer.AsSpan();
                var key = keyBuffer.AsSpan();
                for (var i = 0; i < BatchSize; i++)
                {
                    var id = ((long)producer.Index << 40) | counter++;
                    ids[i] = id;
                    data.Fill((byte)'x');
                    BinaryPrimitives.WriteInt64LittleEndian(data, sent);
                    BinaryPrimitives.WriteInt64LittleEndian(data[8..], id);
                    "pk-"u8.CopyTo(key);
                    Utf8Formatter.TryFormat(id, key[3..], out var digits);
                    w.WriteStartObject();
                    w.WriteBase64String("Data"u8, data);
                    w.WriteString("PartitionKey"u8, key[..(3 + digits)]);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            var response = await client.CallAsync("PutRecords", body.WrittenMemory, responseBuffer, cancellationToken).ConfigureAwait(false);
            var done = Stopwatch.GetTimestamp();
            var failed = CollectAcked(response.Span, ids, producer.Acked);
            producer.Failed += failed;
            if (window.Contains(done))
            {
                producer.Latency.Record(done - sent);
                producer.InWindow += BatchSize - failed;
            }
        }
    }

    /// <summary>Adds the ids of the records the response acknowledges (those without ErrorCode, in request order); returns how many failed.</summary>
    private static int CollectAcked(ReadOnlySpan<byte> response, long[] ids, List<long> acked)
    {
        var reader = new Utf8JsonReader(response);
        var index = 0;
        var failed = 0;
        var inRecords = false;
        var recordFailed = false;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName when reader.CurrentDepth == 1 && reader.ValueTextEquals("Records"u8):
                    inRecords = true;
                    break;
                case JsonTokenType.StartObject when inRecords && reader.CurrentDepth == 2:
                    recordFailed = false;
                    break;
                case JsonTokenType.PropertyName when inRecords && reader.CurrentDepth == 3 && reader.ValueTextEquals("ErrorCode"u8):
                    recordFailed = true;
                    break;
                case JsonTokenType.EndObject when inRecords && reader.CurrentDepth == 2:
                    if (recordFailed) failed++;
                    else acked.Add(ids[index]);
                    index++;
                    break;
                case JsonTokenType.EndArray when inRecords && reader.CurrentDepth == 1:
                    inRecords = false;
                    break;
            }
        }
        if (index != ids.Length) throw new InvalidDataException($"PutRecords answered {index} records for {ids.Length}");
        return failed;
    }

    private static async Task ConsumeAsync(BenchKinesisClient client, string stream, string shard, Consumer consumer, Window window, TimeSpan emptyPollDelay,
        Func<bool> drained, Action<long> addSeen, CancellationToken deadline)
    {
        string iterator;
        using (var reply = await client.CallAsync("GetShardIterator", w =>
               {
                   w.WriteString("StreamName", stream);
                   w.WriteString("ShardId", shard);
                   w.WriteString("ShardIteratorType", "TRIM_HORIZON");
               }, CancellationToken.None).ConfigureAwait(false))
            iterator = reply.RootElement.GetProperty("ShardIterator").GetString()!;
        var request = new ArrayBufferWriter<byte>(1024);
        var responseBuffer = new ResponseBuffer();
        while (!(drained() && !window.Producing) && !deadline.IsCancellationRequested)
        {
            request.ResetWrittenCount();
            using (var w = new Utf8JsonWriter(request))
            {
                w.WriteStartObject();
                w.WriteString("ShardIterator"u8, iterator);
                w.WriteNumber("Limit"u8, 10_000);
                w.WriteEndObject();
            }
            var response = await client.CallAsync("GetRecords", request.WrittenMemory, responseBuffer, CancellationToken.None).ConfigureAwait(false);
            var now = Stopwatch.GetTimestamp();
            var (count, next) = CollectRead(response.Span, consumer, window.Contains(now) ? now : -1);
            if (window.Contains(now)) consumer.InWindow += count;
            addSeen(count);
            iterator = next ?? throw new InvalidDataException($"{client.Name}: GetRecords on {shard} gave no NextShardIterator");
            if (count == 0)
            {
                try { await Task.Delay(emptyPollDelay, deadline).ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
            }
        }
    }

    /// <summary>Reads the records' ids (and, when <paramref name="now"/> is in the window, their put-to-read latency); returns the count and the next iterator.</summary>
    private static (int Count, string? Next) CollectRead(ReadOnlySpan<byte> response, Consumer consumer, long now)
    {
        var reader = new Utf8JsonReader(response);
        var count = 0;
        string? next = null;
        Span<byte> text = stackalloc byte[256];
        Span<byte> data = stackalloc byte[192];
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName) continue;
            if (reader.CurrentDepth == 1 && reader.ValueTextEquals("NextShardIterator"u8))
            {
                reader.Read();
                next = reader.GetString();
            }
            else if (reader.CurrentDepth == 3 && reader.ValueTextEquals("Data"u8))
            {
                reader.Read();
                var length = reader.CopyString(text);
                if (Base64.DecodeFromUtf8(text[..length], data, out _, out var written) != OperationStatus.Done || written != RecordBytes)
                    throw new InvalidDataException("a record read back is not one the bench put");
                var sent = BinaryPrimitives.ReadInt64LittleEndian(data);
                consumer.Seen.Add(BinaryPrimitives.ReadInt64LittleEndian(data[8..]));
                if (now >= 0) consumer.EndToEnd.Record(now - sent);
                count++;
            }
        }
        return (count, next);
    }
}
