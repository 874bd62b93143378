using System.Buffers.Binary;
using System.CommandLine;
using System.Diagnostics;
using Borealis.Common;
using Borealis.Engine.Transactions;
using Borealis.Server.Embedded;
using Borealis.Storage.Segments;
using Borealis.Volume;
using Microsoft.Extensions.Logging;

namespace Borealis.Server.Commands;

/// <summary>
/// <c>borealis workload engine</c>: concurrent transactions against the engine on an embedded
/// fleet, printing <c>ack</c> for every commit that returned, for crash tests that kill this
/// process with kill -9 and then check what survived. Each transaction inserts or updates a
/// row in a primary index and keeps a secondary index on the row's version in step; one in
/// five is rolled back after writing rows whose keys start with 'R', which must never exist.
/// </summary>
internal static class EngineWorkloadCommand
{
    public static readonly VolumeId WorkloadVolume = new(2);
    public static readonly IndexId Primary = new(1);
    public static readonly IndexId Secondary = new(2);

    public static Command Build()
    {
        var dataDir = new Option<string>("--data-dir") { Description = "the embedded fleet's data dir", Required = true };
        var run = new Option<int>("--run") { Description = "this run's number, part of every key it inserts", Required = true };
        var writers = new Option<int>("--writers") { Description = "concurrent transactions", DefaultValueFactory = _ => 4 };
        var seconds = new Option<double>("--seconds") { Description = "stop after this long (the crash tests kill it first)", DefaultValueFactory = _ => 3600 };
        var command = new Command("engine", "run a transactional write load against the engine, printing an ack per durable commit") { dataDir, run, writers, seconds };
        command.SetAction(async (result, cancellationToken) =>
        {
            var started = Stopwatch.StartNew();
            using var loggers = ConsoleLogging.Create(LogLevel.Warning);
            var data = Path.GetFullPath(result.GetValue(dataDir)!);
            CrashSafe.CreateDirectoryDurably(data);
            // The fleet listens on no port (listenTcp: false); the base port only names its six nodes.
            var segments = new SegmentOptions { LogChunkBytes = 4 * 1024 * 1024 };
            await using var fleet = await EmbeddedFleet.StartAsync(data, 29100, listenTcp: false, segments, loggers, cancellationToken).ConfigureAwait(false);
            var fleetReady = started.Elapsed;
            var volume = await fleet.OpenVolumeAsync(WorkloadVolume, 256L * 1024 * 1024, 1, new VolumeOptions(), cancellationToken).ConfigureAwait(false);
            await using var database = await Database.OpenAsync(volume, new DatabaseOptions { BufferPoolFrames = 1024 }, cancellationToken).ConfigureAwait(false);
            while (!database.IndexIds.Contains(Secondary)) await database.CreateIndexAsync(cancellationToken).ConfigureAwait(false);
            var primary = database.GetIndex(Primary);
            var secondary = database.GetIndex(Secondary);
            // The writer's own reopen (volume recovery + engine) is what must not grow with the log;
            // the in-process storage nodes' start is reported apart.
            Console.WriteLine($"open {started.Elapsed.TotalMilliseconds:F0} ms writer {(started.Elapsed - fleetReady).TotalMilliseconds:F0} ms fleet {fleetReady.TotalMilliseconds:F0} ms");

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stop.CancelAfter(TimeSpan.FromSeconds(result.GetValue(seconds)));
            var runNumber = (uint)result.GetValue(run);
            var output = TextWriter.Synchronized(Console.Out);
            var tasks = Enumerable.Range(0, result.GetValue(writers))
                .Select(w => Task.Run(() => WriteAsync(database, primary, secondary, runNumber, (ushort)w, output, stop.Token))).ToList();
            try { await Task.WhenAll(tasks).ConfigureAwait(false); }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            return 0;
        });
        return command;
    }

    /// <summary>Primary key: 'K', run (u32), writer (u16), sequence (u32), all big-endian; rolled-back rows use 'R'.</summary>
    public static byte[] PrimaryKey(char kind, uint run, ushort writer, uint sequence)
    {
        var key = new byte[11];
        key[0] = (byte)kind;
        BinaryPrimitives.WriteUInt32BigEndian(key.AsSpan(1), run);
        BinaryPrimitives.WriteUInt16BigEndian(key.AsSpan(5), writer);
        BinaryPrimitives.WriteUInt32BigEndian(key.AsSpan(7), sequence);
        return key;
    }

    /// <summary>The row: its version (u32) and filler.</summary>
    public static byte[] Row(uint version)
    {
        var row = new byte[100];
        BinaryPrimitives.WriteUInt32BigEndian(row, version);
        return row;
    }

    public static uint VersionOf(ReadOnlySpan<byte> row) => BinaryPrimitives.ReadUInt32BigEndian(row);

    /// <summary>Secondary key: the version (u32 big-endian), then the primary key.</summary>
    public static byte[] SecondaryKey(uint version, ReadOnlySpan<byte> primaryKey)
    {
        var key = new byte[4 + primaryKey.Length];
        BinaryPrimitives.WriteUInt32BigEndian(key, version);
        primaryKey.CopyTo(key.AsSpan(4));
        return key;
    }

    private static async Task WriteAsync(Database database, IndexTree primary, IndexTree secondary, uint run, ushort writer, TextWriter output, CancellationToken stop)
    {
        var random = new Random(HashCode.Combine(run, writer));
        var versions = new List<uint>();
        uint sequence = 0;
        while (!stop.IsCancellationRequested)
        {
            await using var trx = database.Begin();
            var roll = random.Next(10);
            if (roll < 2)
            {
                var key = PrimaryKey('R', run, writer, sequence++);
                await trx.InsertAsync(primary, key, Row(1), stop).ConfigureAwait(false);
                await trx.InsertAsync(secondary, SecondaryKey(1, key), Array.Empty<byte>(), stop).ConfigureAwait(false);
                trx.Rollback();
                continue;
            }
            if (roll < 5 && versions.Count > 0)
            {
                var which = (uint)random.Next(versions.Count);
                var key = PrimaryKey('K', run, writer, which);
                var version = versions[(int)which] + 1;
                if (!await trx.UpdateAsync(primary, key, Row(version), stop).ConfigureAwait(false)) throw new InvalidOperationException("an acknowledged row is missing");
                await trx.DeleteAsync(secondary, SecondaryKey(versions[(int)which], key), stop).ConfigureAwait(false);
                await trx.InsertAsync(secondary, SecondaryKey(version, key), Array.Empty<byte>(), stop).ConfigureAwait(false);
                await trx.CommitAsync(stop).ConfigureAwait(false);
                versions[(int)which] = version;
                output.WriteLine($"ack update {Convert.ToHexString(key)} {version}");
            }
            else
            {
                var key = PrimaryKey('K', run, writer, (uint)versions.Count);
                await trx.InsertAsync(primary, key, Row(1), stop).ConfigureAwait(false);
                await trx.InsertAsync(secondary, SecondaryKey(1, key), Array.Empty<byte>(), stop).ConfigureAwait(false);
                await trx.CommitAsync(stop).ConfigureAwait(false);
                versions.Add(1);
                output.WriteLine($"ack insert {Convert.ToHexString(key)} 1");
            }
            output.Flush();
        }
    }
}
