using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Borealis.Bench.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Borealis.Bench.Engine;

/// <summary>
/// <c>borealis-bench engine</c> (issue 4): the engine in-process on the embedded fleet next to
/// SQLite (WAL, synchronous=FULL) on the same disk, same operations, same threads: point
/// lookups, 100-row range scans, single-row update transactions and insert transactions over
/// a table of --rows rows (8-byte keys, 100-byte values); and the time to reopen after kill -9
/// following --reopen-seconds of writes. Prints <c>result bench=engine case=... system=...</c>
/// lines and a ratio line per case.
/// </summary>
internal static class EngineBench
{
    private const string Bench = "engine";

    private sealed record Settings(long Rows, int Threads, TimeSpan Measure, TimeSpan Reopen, int PoolFrames, HashSet<string> Cases, HashSet<string> Systems);

    public static Command Build()
    {
        var rows = new Option<long>("--rows") { Description = "rows loaded before the measured runs", DefaultValueFactory = _ => 1_000_000 };
        var threads = new Option<int>("--threads") { Description = "concurrent sessions", DefaultValueFactory = _ => 8 };
        var seconds = new Option<double>("--seconds") { Description = "measured seconds of each case", DefaultValueFactory = _ => 20 };
        var reopen = new Option<double>("--reopen-seconds") { Description = "seconds of writes before the kill -9 of the reopen case", DefaultValueFactory = _ => 60 };
        var poolMb = new Option<int>("--pool-mb") { Description = "Borealis buffer pool size (SQLite's cache is set to 1 GB)", DefaultValueFactory = _ => 1024 };
        var cases = new Option<string>("--cases") { Description = "comma-separated subset of point_lookup,range_scan,update,insert,reopen", DefaultValueFactory = _ => "point_lookup,range_scan,update,insert,reopen" };
        var systems = new Option<string>("--systems") { Description = "comma-separated subset of borealis,sqlite", DefaultValueFactory = _ => "borealis,sqlite" };
        var dataDir = new Option<string?>("--data-dir") { Description = "parent of the scratch directory (default: the system temp dir)" };
        var command = new Command(Bench, "the engine next to SQLite: lookups, scans, update and insert transactions, reopen after kill -9")
        {
            rows, threads, seconds, reopen, poolMb, cases, systems, dataDir,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            static HashSet<string> Set(string s) => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            var settings = new Settings(result.GetValue(rows), result.GetValue(threads), TimeSpan.FromSeconds(result.GetValue(seconds)),
                TimeSpan.FromSeconds(result.GetValue(reopen)), result.GetValue(poolMb) * 64, Set(result.GetValue(cases)!), Set(result.GetValue(systems)!));
            using var scratch = new ScratchDirectory(result.GetValue(dataDir), "borealis-bench-engine");
            using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning));
            Result.Progress($"scratch directory {scratch.Path}; {settings.Rows:N0} rows, {settings.Threads} threads, {settings.Measure.TotalSeconds:0.#} s per case; {Environment.ProcessorCount} cores");
            var figures = new Dictionary<(string Case, string System), double>();
            var p99 = new Dictionary<string, double>();
            foreach (var system in new[] { "borealis", "sqlite" }.Where(settings.Systems.Contains))
            {
                await using IKeyValueSystem kv = system == "borealis"
                    ? await BorealisKeyValue.StartAsync(scratch.Sub("borealis"), settings.PoolFrames, loggers, cancellationToken).ConfigureAwait(false)
                    : new SqliteKeyValue(Path.Combine(scratch.Sub("sqlite"), "bench.db"));
                var load = Stopwatch.StartNew();
                await kv.LoadAsync(settings.Rows, 1000, cancellationToken).ConfigureAwait(false);
                Result.Print(Bench, ("case", "load"), ("system", system), ("rows", settings.Rows), ("seconds", load.Elapsed.TotalSeconds), ("rows_per_s", settings.Rows / load.Elapsed.TotalSeconds));
                foreach (var name in new[] { "point_lookup", "range_scan", "update", "insert" }.Where(settings.Cases.Contains))
                {
                    var (opsPerSecond, histogram) = await RunCaseAsync(kv, name, settings, cancellationToken).ConfigureAwait(false);
                    figures[(name, system)] = opsPerSecond;
                    if (system == "borealis") p99[name] = histogram.QuantileMs(0.99);
                    Result.Print(Bench, ("case", name), ("system", system), ("threads", settings.Threads), ("ops_per_s", opsPerSecond),
                        ("p50_ms", histogram.QuantileMs(0.5)), ("p99_ms", histogram.QuantileMs(0.99)));
                }
            }
            foreach (var name in new[] { "point_lookup", "range_scan", "update", "insert" })
                if (figures.TryGetValue((name, "borealis"), out var b) && figures.TryGetValue((name, "sqlite"), out var s))
                    Result.Print(Bench, ("case", name), ("borealis_ops_per_s", b), ("sqlite_ops_per_s", s), ("ratio", b / s), ("borealis_p99_ms", p99[name]));
            if (settings.Cases.Contains("reopen")) await ReopenAsync(settings, scratch, cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static async Task<(double OpsPerSecond, LatencyHistogram Histogram)> RunCaseAsync(IKeyValueSystem kv, string name, Settings settings, CancellationToken cancellationToken)
    {
        Result.Progress($"{kv.Name} {name}");
        var warmup = TimeSpan.FromSeconds(Math.Clamp(settings.Measure.TotalSeconds / 10, 0.2, 2));
        var histograms = new LatencyHistogram[settings.Threads];
        var counts = new long[settings.Threads];
        var measuring = false;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = Enumerable.Range(0, settings.Threads).Select(t => Task.Run(async () =>
        {
            var histogram = histograms[t] = new LatencyHistogram();
            var random = new Random(t * 7919 + name.Length);
            var value = new byte[100];
            long inserted = 0;
            await using var session = await kv.OpenSessionAsync(stop.Token).ConfigureAwait(false);
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                switch (name)
                {
                    case "point_lookup": await session.GetAsync(random.NextInt64(settings.Rows), stop.Token).ConfigureAwait(false); break;
                    case "range_scan": await session.ScanAsync(random.NextInt64(Math.Max(1, settings.Rows - 100)), 100, stop.Token).ConfigureAwait(false); break;
                    case "update":
                        random.NextBytes(value);
                        await session.UpdateAsync(random.NextInt64(settings.Rows), value, stop.Token).ConfigureAwait(false);
                        break;
                    default:
                        await session.InsertAsync(settings.Rows + (t + 1) * 1_000_000_000L + inserted++, value, stop.Token).ConfigureAwait(false);
                        break;
                }
                if (Volatile.Read(ref measuring))
                {
                    histogram.Record(Stopwatch.GetTimestamp() - started);
                    counts[t]++;
                }
            }
        }, stop.Token)).ToList();
        await Task.Delay(warmup, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref measuring, true);
        var measured = Stopwatch.StartNew();
        await Task.Delay(settings.Measure, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref measuring, false);
        var elapsed = measured.Elapsed;
        await stop.CancelAsync().ConfigureAwait(false);
        try { await Task.WhenAll(tasks).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        catch (SqliteException e) when (stop.IsCancellationRequested && e.SqliteErrorCode == 4) { } // SQLITE_INTERRUPT on cancel
        var total = new LatencyHistogram();
        foreach (var h in histograms) if (h is not null) total.Add(h);
        return (counts.Sum() / elapsed.TotalSeconds, total);
    }

    /// <summary>
    /// Reopen after kill -9: a writer process writes for --reopen-seconds and is killed; the
    /// time to an open engine (Borealis) or to the first answered query (SQLite, whose WAL is
    /// recovered at open) is measured on the same data.
    /// </summary>
    private static async Task ReopenAsync(Settings settings, ScratchDirectory scratch, CancellationToken cancellationToken)
    {
        if (settings.Systems.Contains("borealis"))
        {
            var dir = scratch.Sub("borealis-reopen");
            var borealis = Path.Combine(AppContext.BaseDirectory, "borealis.dll");
            using var writer = await ChildProcess.StartAsync("dotnet", [borealis, "workload", "engine", "--data-dir", dir, "--run", "1"], "open ", cancellationToken).ConfigureAwait(false);
            await Task.Delay(settings.Reopen, cancellationToken).ConfigureAwait(false);
            var acks = writer.Lines.Count(l => l.StartsWith("ack ", StringComparison.Ordinal));
            writer.Kill9();
            using var reopened = await ChildProcess.StartAsync("dotnet", [borealis, "workload", "engine", "--data-dir", dir, "--run", "2", "--seconds", "0"], "open ", cancellationToken).ConfigureAwait(false);
            var open = reopened.Lines.First(l => l.StartsWith("open ", StringComparison.Ordinal)).Split(' ');
            await reopened.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            // The writer's reopen is what the target is about; the in-process storage nodes'
            // own restart (a writer elsewhere would not wait for it) is printed beside it.
            Result.Print(Bench, ("case", "reopen"), ("seconds", double.Parse(open[4], CultureInfo.InvariantCulture) / 1000));
            Result.Print(Bench, ("case", "reopen"), ("system", "borealis"), ("writes_before_kill_s", settings.Reopen.TotalSeconds), ("commits_before_kill", acks),
                ("writer_open_ms", double.Parse(open[4], CultureInfo.InvariantCulture)), ("storage_nodes_start_ms", double.Parse(open[7], CultureInfo.InvariantCulture)),
                ("process_start_to_open_ms", double.Parse(open[1], CultureInfo.InvariantCulture)));
        }
        if (settings.Systems.Contains("sqlite"))
        {
            var file = Path.Combine(scratch.Sub("sqlite-reopen"), "reopen.db");
            var self = Path.Combine(AppContext.BaseDirectory, "borealis-bench.dll");
            using var writer = await ChildProcess.StartAsync("dotnet", [self, "sqlite-writer", "--file", file], "ready", cancellationToken).ConfigureAwait(false);
            await Task.Delay(settings.Reopen, cancellationToken).ConfigureAwait(false);
            writer.Kill9();
            var started = Stopwatch.StartNew();
            await using (var connection = await SqliteKeyValue.OpenAsync(new SqliteKeyValue(file).ConnectionString, cancellationToken).ConfigureAwait(false))
            await using (var query = connection.CreateCommand())
            {
                query.CommandText = "SELECT v FROM kv WHERE k = 1";
                await query.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            }
            Result.Print(Bench, ("case", "reopen"), ("system", "sqlite"), ("writes_before_kill_s", settings.Reopen.TotalSeconds), ("open_to_first_query_ms", started.Elapsed.TotalMilliseconds));
        }
    }

    /// <summary><c>borealis-bench sqlite-writer --file F</c>: the SQLite side of the reopen case, single-row insert transactions until killed.</summary>
    public static Command BuildSqliteWriter()
    {
        var file = new Option<string>("--file") { Required = true };
        var command = new Command("sqlite-writer", "(used by the engine benchmark) insert into SQLite until killed") { file };
        command.Hidden = true;
        command.SetAction(async (result, cancellationToken) =>
        {
            var kv = new SqliteKeyValue(result.GetValue(file)!);
            await kv.LoadAsync(1, 1, cancellationToken).ConfigureAwait(false);
            await using var session = await kv.OpenSessionAsync(cancellationToken).ConfigureAwait(false);
            Console.WriteLine("ready");
            var value = new byte[100];
            for (long key = 10; !cancellationToken.IsCancellationRequested; key++) await session.InsertAsync(key, value, cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
