using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Borealis.Common;
using Borealis.Engine.BTrees;
using Borealis.Engine.Transactions;
using Borealis.Server.Embedded;
using Borealis.Storage.Segments;
using Borealis.Volume;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Borealis.Server.Tests.Processes;

/// <summary>
/// The engine's crash test (issue 4): a real writer process (<c>borealis workload engine</c>,
/// engine and embedded fleet in one process) under concurrent transactions is killed with
/// kill -9 at random moments, 20 times. After each kill the database is opened again here
/// and must hold every commit the process acknowledged, no row of a rolled-back
/// transaction, and a secondary index that agrees with its table row for row.
/// </summary>
public sealed class EngineCrashTests(ITestOutputHelper output)
{
    private const int Kills = 20;

    [Fact]
    public async Task Every_acknowledged_commit_survives_twenty_kill_9s_and_the_indexes_agree()
    {
        using var dir = new TempDirectory("borealis-engine-crash");
        var acked = new Dictionary<string, uint>(); // primary key (hex) → highest acknowledged version
        var random = new Random(20261125);
        var opens = new List<double>();
        var fleetStarts = new List<double>();
        for (var run = 1; run <= Kills; run++)
        {
            var lines = new ConcurrentQueue<string>();
            using var process = Start(dir.Path, run, lines);
            var opened = Stopwatch.StartNew();
            // Wait for the engine to be open, then let it write for a random while.
            while (!lines.Any(l => l.StartsWith("open ", StringComparison.Ordinal)))
            {
                Assert.False(process.HasExited, $"the workload exited early:\n{string.Join('\n', lines)}");
                Assert.True(opened.Elapsed < TimeSpan.FromSeconds(60), $"the workload did not open in 60 s:\n{string.Join('\n', lines)}");
                await Task.Delay(10);
            }
            var openLine = lines.First(l => l.StartsWith("open ", StringComparison.Ordinal)).Split(' ');
            opens.Add(double.Parse(openLine[4], CultureInfo.InvariantCulture));
            fleetStarts.Add(double.Parse(openLine[7], CultureInfo.InvariantCulture));
            await Task.Delay(random.Next(100, 1200));
            process.Kill(entireProcessTree: false); // SIGKILL
            await process.WaitForExitAsync();

            var runAcks = 0;
            foreach (var line in lines)
            {
                var parts = line.Split(' ');
                if (parts is not ["ack", _, var key, var version]) continue;
                runAcks++;
                var v = uint.Parse(version, CultureInfo.InvariantCulture);
                if (!acked.TryGetValue(key, out var known) || v > known) acked[key] = v;
            }
            await VerifyAsync(dir.Path, acked, run);
            output.WriteLine($"run {run}: {runAcks} acks, {acked.Count} rows acknowledged so far, writer open in {opens[^1]:F0} ms (in-process storage nodes started in {fleetStarts[^1]:F0} ms)");
        }
        Assert.True(acked.Count > 100, $"the workload acknowledged only {acked.Count} rows in {Kills} runs");
        output.WriteLine($"writer open after kill -9 (volume recovery + engine): first {opens[0]:F0} ms, last {opens[^1]:F0} ms, max {opens.Max():F0} ms; storage nodes' start: first {fleetStarts[0]:F0} ms, last {fleetStarts[^1]:F0} ms");
    }

    private static Process Start(string dataDir, int run, ConcurrentQueue<string> lines)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "borealis.dll"), "workload", "engine", "--data-dir", dataDir, "--run", run.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue("stderr: " + e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task VerifyAsync(string dataDir, Dictionary<string, uint> acked, int run)
    {
        await using var fleet = await EmbeddedFleet.StartAsync(dataDir, 29100, listenTcp: false, new SegmentOptions { LogChunkBytes = 4 * 1024 * 1024 }, NullLoggerFactory.Instance);
        var volume = await fleet.OpenVolumeAsync(new VolumeId(2), 256L * 1024 * 1024, 1, new VolumeOptions());
        await using var database = await Database.OpenAsync(volume, new DatabaseOptions { BufferPoolFrames = 1024 });
        if (!database.IndexIds.Contains(new IndexId(2)))
        {
            Assert.Empty(acked);
            return;
        }
        var primary = database.GetIndex(new IndexId(1));
        var secondary = database.GetIndex(new IndexId(2));
        await using var trx = database.Begin(readOnly: true);
        var rows = new Dictionary<string, uint>();
        await foreach (var (key, value) in trx.ScanAsync(primary, KeyRange.All))
        {
            Assert.True(key[0] == (byte)'K', $"after run {run}: row {Convert.ToHexString(key)} of a rolled-back transaction exists");
            rows[Convert.ToHexString(key)] = BinaryPrimitives.ReadUInt32BigEndian(value);
        }
        var indexed = new Dictionary<string, uint>();
        await foreach (var (key, _) in trx.ScanAsync(secondary, KeyRange.All))
        {
            var primaryKey = Convert.ToHexString(key.AsSpan(4));
            Assert.True(indexed.TryAdd(primaryKey, BinaryPrimitives.ReadUInt32BigEndian(key)), $"after run {run}: two secondary entries for row {primaryKey}");
        }
        foreach (var (key, version) in acked)
        {
            Assert.True(rows.TryGetValue(key, out var found), $"after run {run}: acknowledged row {key} is missing");
            Assert.True(found >= version, $"after run {run}: row {key} is at version {found}, but version {version} was acknowledged");
        }
        Assert.Equal(rows.OrderBy(r => r.Key), indexed.OrderBy(r => r.Key));
    }
}
