using System.CommandLine;
using System.Net;
using Borealis.Bench.Support;
using Borealis.Server.Embedded;
using Borealis.Storage.Segments;
using Borealis.Streams;
using Microsoft.Extensions.Logging;

namespace Borealis.Bench.Kinesis;

/// <summary>
/// <c>borealis-bench kinesis</c>: kinesalite (npm, in memory, one node process) and an embedded
/// Borealis Streams (the six-node embedded fleet as <c>borealis up</c> runs it, 3 copies, durable
/// at 2/3, on this machine's disk), each driven by the same client (<see cref="KinesisLoad"/>)
/// for every shard count in turn. Prints <c>result bench=kinesis target=... shards=N ...</c> per run
/// and a summary line per shard count with the ratio to kinesalite. Targets (issue 6): 50,000
/// records/s put on 4 shards, put-to-read p99 under 50 ms, 10x kinesalite, no record lost.
/// </summary>
internal static class KinesisBench
{
    private const string Bench = "kinesis";

    public static Command Build()
    {
        var seconds = new Option<double>("--seconds") { Description = "measured seconds of every run", DefaultValueFactory = _ => 20 };
        var shards = new Option<string>("--shards") { Description = "comma-separated shard counts", DefaultValueFactory = _ => "1,4" };
        var producers = new Option<int>("--producers") { Description = "concurrent PutRecords loops (500 records of 100 bytes each call)", DefaultValueFactory = _ => 8 };
        var targets = new Option<string>("--targets") { Description = "comma-separated subset of kinesalite,borealis", DefaultValueFactory = _ => "kinesalite,borealis" };
        var pollMs = new Option<double>("--empty-poll-ms") { Description = "how long a consumer waits after a GetRecords that returned nothing", DefaultValueFactory = _ => 5 };
        var dataDir = new Option<string?>("--data-dir") { Description = "parent of the scratch directory: the disk under test (default: the system temp dir)" };
        var kinesaliteDir = new Option<string?>("--kinesalite-dir") { Description = "directory of bench/kinesis/package.json (default: found from the current directory up)" };
        var verbose = new Option<bool>("--verbose") { Description = "log information (not only warnings) on stderr" };
        var command = new Command(Bench, "PutRecords producers and a GetRecords consumer per shard against kinesalite and Borealis Streams")
        {
            seconds, shards, producers, targets, pollMs, dataDir, kinesaliteDir, verbose,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var measure = TimeSpan.FromSeconds(result.GetValue(seconds));
            var warmup = TimeSpan.FromSeconds(Math.Clamp(measure.TotalSeconds / 10, 0.5, 2));
            var shardCounts = result.GetValue(shards)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToList();
            var selected = result.GetValue(targets)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            var load = new LoadSettings(result.GetValue(producers), warmup, measure, TimeSpan.FromMilliseconds(result.GetValue(pollMs)));
            using var loggers = LoggerFactory.Create(b => b
                .SetMinimumLevel(result.GetValue(verbose) ? LogLevel.Information : LogLevel.Warning)
                .AddFilter("DotNext", LogLevel.Warning)
                .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
                .AddSimpleConsole(o =>
                {
                    o.SingleLine = true;
                    o.TimestampFormat = "HH:mm:ss.fff ";
                }));
            using var scratch = new ScratchDirectory(result.GetValue(dataDir), "borealis-bench-kinesis");
            Result.Progress($"scratch directory {scratch.Path}; {warmup.TotalSeconds:0.#} s warm-up + {measure.TotalSeconds:0.#} s per run; {load.Producers} producers; {Environment.ProcessorCount} cores");

            var outcomes = new Dictionary<(string Target, int Shards), KinesisLoad.Outcome>();
            var failures = 0;
            if (selected.Contains("kinesalite"))
            {
                using var kinesalite = await KinesaliteProcess.StartAsync(result.GetValue(kinesaliteDir) ?? FindKinesaliteDirectory(), cancellationToken).ConfigureAwait(false);
                Result.Progress($"kinesalite pid {kinesalite.Pid} at {kinesalite.Endpoint}");
                using var client = new BenchKinesisClient(kinesalite.Endpoint, "AKIDBENCH", "bench-secret") { Name = "kinesalite" };
                failures += await RunAllAsync("kinesalite", client, shardCounts, load, outcomes, cancellationToken).ConfigureAwait(false);
            }
            if (selected.Contains("borealis"))
            {
                var directory = scratch.Sub("borealis");
                await using var fleet = await EmbeddedFleet.StartAsync(directory, 9100, listenTcp: false, new SegmentOptions(), loggers, cancellationToken).ConfigureAwait(false);
                await using var streams = await StreamsHost.StartAsync(directory, new IPEndPoint(IPAddress.Loopback, 0), fleet.Metadata, fleet.Transport, fleet.Addresses, loggers,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                Result.Progress($"Borealis Streams at {streams.Endpoint}");
                using var client = new BenchKinesisClient(streams.Endpoint, streams.Credentials.AccessKeyId, streams.Credentials.SecretAccessKey) { Name = "borealis" };
                failures += await RunAllAsync("borealis", client, shardCounts, load, outcomes, cancellationToken).ConfigureAwait(false);
            }
            foreach (var n in shardCounts)
            {
                var b = outcomes.GetValueOrDefault(("borealis", n));
                var k = outcomes.GetValueOrDefault(("kinesalite", n));
                Result.Print(Bench, ("shards", n),
                    ("borealis_put_per_s", b?.PutPerSecond ?? double.NaN), ("kinesalite_put_per_s", k?.PutPerSecond ?? double.NaN),
                    ("ratio", (b?.PutPerSecond ?? double.NaN) / (k?.PutPerSecond ?? double.NaN)),
                    ("borealis_e2e_p99_ms", b?.EndToEnd.QuantileMs(0.99) ?? double.NaN), ("kinesalite_e2e_p99_ms", k?.EndToEnd.QuantileMs(0.99) ?? double.NaN),
                    ("lost", (b?.Lost ?? 0) + (k?.Lost ?? 0)));
                if (b is { Lost: > 0 }) failures++;
            }
            return failures == 0 ? 0 : 1;
        });
        return command;
    }

    private sealed record LoadSettings(int Producers, TimeSpan Warmup, TimeSpan Measure, TimeSpan EmptyPollDelay);

    private static async Task<int> RunAllAsync(string target, BenchKinesisClient client, List<int> shardCounts, LoadSettings load,
        Dictionary<(string, int), KinesisLoad.Outcome> outcomes, CancellationToken cancellationToken)
    {
        var failures = 0;
        foreach (var n in shardCounts)
        {
            Result.Progress($"{target}: {n} shards");
            var (gen0, gen1, gen2, paused) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
            try
            {
                var o = await KinesisLoad.RunAsync(client, $"bench-{n}", n, load.Producers, load.Warmup, load.Measure, load.EmptyPollDelay, cancellationToken).ConfigureAwait(false);
                outcomes[(target, n)] = o;
                Result.Print(Bench, ("target", target), ("shards", n),
                    ("put_per_s", o.PutPerSecond), ("read_per_s", o.ReadPerSecond),
                    ("put_p50_ms", o.PutLatency.QuantileMs(0.5)), ("put_p99_ms", o.PutLatency.QuantileMs(0.99)),
                    ("e2e_p50_ms", o.EndToEnd.QuantileMs(0.5)), ("e2e_p99_ms", o.EndToEnd.QuantileMs(0.99)),
                    ("acked", o.Acked), ("put_failed", o.Failed), ("lost", o.Lost), ("duplicates", o.Duplicates));
                // This process's collections: the embedded server's and the client's together.
                Result.Progress($"{target} {n} shards: gc gen0 {GC.CollectionCount(0) - gen0}, gen1 {GC.CollectionCount(1) - gen1}, gen2 {GC.CollectionCount(2) - gen2}, paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:0} ms");
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures++;
                Console.Error.WriteLine($"# {target} with {n} shards failed: {e}");
            }
        }
        return failures;
    }

    private static string FindKinesaliteDirectory()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "bench", "kinesis");
                if (File.Exists(Path.Combine(candidate, "package.json"))) return candidate;
            }
        }
        throw new DirectoryNotFoundException("no bench/kinesis/package.json above the current directory: pass --kinesalite-dir");
    }
}
