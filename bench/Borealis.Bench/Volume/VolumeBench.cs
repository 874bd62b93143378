using System.CommandLine;
using System.Diagnostics;
using System.Net;
using Borealis.Bench.Support;
using Borealis.Common;
using Borealis.Redo.Wire;
using Borealis.Server.Embedded;
using Borealis.Storage.Segments;
using Borealis.Volume;
using Borealis.Volume.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Borealis.Bench.Volume;

/// <summary>
/// <c>borealis-bench volume</c>: redo appends of 100-byte records from 1, 16 and 64 concurrent
/// committers, against the embedded fleet and against six storage-node processes over TCP,
/// next to the machine's own limit (a bare write+fsync loop on the same disk). Prints
/// <c>result bench=volume case=fsync|embedded|processes|summary ...</c> lines. Targets: p50 commit
/// latency at one committer within 1.5x one bare fsync; at 64 committers 200,000 records/s on
/// two cores.
/// </summary>
internal static class VolumeBench
{
    private const string Bench = "volume";
    private const long SegmentBytes = 1L << 30;
    private static readonly VolumeId VolumeId = new(1);

    private sealed record Settings(TimeSpan Warmup, TimeSpan Measure, int[] Committers, int[] RecordsPerCommit, string? Borealis);

    public static Command Build()
    {
        var seconds = new Option<double>("--seconds") { Description = "measured seconds of every run (fsync loop and each committer count)", DefaultValueFactory = _ => 20 };
        var dataDir = new Option<string?>("--data-dir") { Description = "parent of the scratch directory: the disk under test (default: the system temp dir)" };
        var cases = new Option<string>("--cases") { Description = "comma-separated subset of fsync,embedded,processes", DefaultValueFactory = _ => "fsync,embedded,processes" };
        var committers = new Option<string>("--committers") { Description = "comma-separated committer counts", DefaultValueFactory = _ => "1,16,64" };
        var recordsPerCommit = new Option<string>("--records-per-commit")
        {
            Description = "comma-separated record counts of each committer's mini-transaction: 1 is the bare minimum, 10 is about what one small OLTP transaction writes",
            DefaultValueFactory = _ => "1,10",
        };
        var borealis = new Option<string?>("--borealis") { Description = "borealis.dll to run the storage nodes from (default: the one next to this benchmark)" };
        var verbose = new Option<bool>("--verbose") { Description = "log information (not only warnings) on stderr" };
        var command = new Command(Bench, "redo appends from concurrent committers, embedded and over TCP, against a bare fsync loop")
        {
            seconds, dataDir, cases, committers, recordsPerCommit, borealis, verbose,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var measure = TimeSpan.FromSeconds(result.GetValue(seconds));
            var settings = new Settings(
                TimeSpan.FromSeconds(Math.Clamp(measure.TotalSeconds / 10, 0.2, 2)),
                measure,
                [.. result.GetValue(committers)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse)],
                [.. result.GetValue(recordsPerCommit)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse)],
                result.GetValue(borealis));
            var selected = result.GetValue(cases)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            using var loggers = LoggerFactory.Create(b => b
                .SetMinimumLevel(result.GetValue(verbose) ? LogLevel.Information : LogLevel.Warning)
                .AddFilter("DotNext", LogLevel.Warning)
                .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
                .AddSimpleConsole(o =>
                {
                    o.SingleLine = true;
                    o.TimestampFormat = "HH:mm:ss.fff ";
                }));
            using var scratch = new ScratchDirectory(result.GetValue(dataDir), "borealis-bench-volume");
            Result.Progress($"scratch directory {scratch.Path}; {settings.Warmup.TotalSeconds:0.#} s warm-up + {measure.TotalSeconds:0.#} s per run; {Environment.ProcessorCount} cores");
            return await RunAsync(selected, settings, scratch, loggers, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(HashSet<string> cases, Settings settings, ScratchDirectory scratch, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var failures = 0;
        var fsyncP50 = double.NaN;
        var embedded = new Dictionary<(int Committers, int Records), CommitterLoad.Outcome>();
        var processes = new Dictionary<(int Committers, int Records), CommitterLoad.Outcome>();

        if (cases.Contains("fsync"))
        {
            Result.Progress("fsync: 4 KiB write + fsync loops: appending, overwriting, and six files at once (4 of 6)");
            var (append, overwrite, quorum) = FsyncBaseline.Run(scratch.Path, settings.Warmup, settings.Measure);
            fsyncP50 = append.QuantileMs(0.5);
            Result.Print(Bench, ("case", "fsync"), ("p50_ms", fsyncP50), ("per_s", append.PerSecond), ("p99_ms", append.QuantileMs(0.99)),
                ("overwrite_p50_ms", overwrite.QuantileMs(0.5)), ("overwrite_per_s", overwrite.PerSecond),
                ("quorum4of6_p50_ms", quorum.QuantileMs(0.5)), ("quorum4of6_per_s", quorum.PerSecond));
        }

        foreach (var (name, outcomes, run) in new (string, Dictionary<(int, int), CommitterLoad.Outcome>, Func<int, int, string, Task<CommitterLoad.Outcome>>)[]
                 {
                     ("embedded", embedded, (n, r, dir) => RunEmbeddedAsync(n, r, dir, settings, loggers, cancellationToken)),
                     ("processes", processes, (n, r, dir) => RunProcessesAsync(n, r, dir, settings, loggers, cancellationToken)),
                 })
        {
            if (!cases.Contains(name)) continue;
            foreach (var records in settings.RecordsPerCommit)
            foreach (var n in settings.Committers)
            {
                Result.Progress($"{name}: {n} committers, {records} records per commit");
                var dir = scratch.Sub($"{name}-{n}-{records}");
                try
                {
                    var outcome = await run(n, records, dir).ConfigureAwait(false);
                    outcomes[(n, records)] = outcome;
                    PrintRun(name, n, records, outcome);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    failures++;
                    Console.Error.WriteLine($"# {name} with {n} committers failed: {e}");
                }
                finally
                {
                    Directory.Delete(dir, recursive: true);
                }
            }
        }

        var smallest = settings.RecordsPerCommit.Min();
        var largest = settings.RecordsPerCommit.Max();
        var p50At1 = embedded.TryGetValue((1, smallest), out var one) ? one.Latency.QuantileMs(0.5) : double.NaN;
        Result.Print(Bench, ("case", "summary"), ("p50_vs_fsync", p50At1 / fsyncP50),
            ($"records_per_s_64_r{smallest}", RecordsPerSecond(embedded, 64, smallest)),
            ($"records_per_s_64_r{largest}", RecordsPerSecond(embedded, 64, largest)),
            ($"records_per_s_64_processes_r{largest}", RecordsPerSecond(processes, 64, largest)));
        return failures == 0 ? 0 : 1;
    }

    private static double RecordsPerSecond(Dictionary<(int, int), CommitterLoad.Outcome> outcomes, int committers, int recordsPerCommit) =>
        outcomes.TryGetValue((committers, recordsPerCommit), out var o) ? o.Commits * recordsPerCommit / o.Seconds : double.NaN;

    private static void PrintRun(string name, int committers, int recordsPerCommit, CommitterLoad.Outcome o)
    {
        var commitsPerSecond = o.Commits / o.Seconds;
        var recordsPerSecond = commitsPerSecond * recordsPerCommit;
        Result.Print(Bench, ("case", name), ("committers", committers),
            ("records_per_s", recordsPerSecond), ("commits_per_s", commitsPerSecond),
            ("commit_p50_ms", o.Latency.QuantileMs(0.5)), ("commit_p99_ms", o.Latency.QuantileMs(0.99)),
            ("mb_per_s", recordsPerSecond * CommitterLoad.RecordBytes / 1e6), ("records_per_commit", recordsPerCommit));
    }

    /// <summary>Segments that only do the work of a steady writer: no background scrub.</summary>
    private static SegmentOptions Segments => new() { ScrubInterval = TimeSpan.Zero };

    private static async Task<CommitterLoad.Outcome> RunEmbeddedAsync(int committers, int recordsPerCommit, string directory, Settings settings, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        await using var fleet = await EmbeddedFleet.StartAsync(directory, 9100, listenTcp: false, Segments, loggers, cancellationToken).ConfigureAwait(false);
        await using var volume = await fleet.OpenVolumeAsync(VolumeId, SegmentBytes, 1, new VolumeOptions(), cancellationToken).ConfigureAwait(false);
        return await CommitterLoad.RunAsync(volume, committers, recordsPerCommit, settings.Warmup, settings.Measure, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<CommitterLoad.Outcome> RunProcessesAsync(int committers, int recordsPerCommit, string directory, Settings settings, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var dll = settings.Borealis ?? Path.Combine(AppContext.BaseDirectory, "borealis.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"no {dll}: pass --borealis PATH/borealis.dll", dll);
        var started = Stopwatch.GetTimestamp();
        using var nodes = await StorageNodeProcesses.StartAsync(dll, Path.Combine(directory, "storage"), cancellationToken).ConfigureAwait(false);
        Result.Progress($"storage nodes ready in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s: pids {string.Join(' ', nodes.Pids)}");
        await using var metadata = await RaftClusterMetadata.StartAsync(
            new RaftMetadataOptions(Path.Combine(directory, "metadata"), new IPEndPoint(IPAddress.Loopback, 0)), loggers, cancellationToken).ConfigureAwait(false);
        var geometry = new VolumeGeometry(VolumeId, SegmentBytes, 1, [new PgMembership(0, nodes.Addresses, null)], Epoch.Zero);
        await using var volume = await Borealis.Volume.Volume.CreateAsync(geometry, metadata, new TcpStorageTransport(loggers), new VolumeOptions(), loggers.CreateLogger("volume"), cancellationToken).ConfigureAwait(false);
        return await CommitterLoad.RunAsync(volume, committers, recordsPerCommit, settings.Warmup, settings.Measure, cancellationToken).ConfigureAwait(false);
    }
}
