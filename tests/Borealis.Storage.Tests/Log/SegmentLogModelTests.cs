using Borealis.Common;
using Borealis.Redo;
using Borealis.Redo.Tests;
using Borealis.Storage.Log;
using CsCheck;
using Microsoft.Extensions.Logging.Abstractions;

namespace Borealis.Storage.Tests.Log;

/// <summary>
/// Model-based test of the log: random appends, fsync waits, clean reopens and crashes that
/// tear the unsynced tail, checked against a list of the entries that must survive.
/// </summary>
public class SegmentLogModelTests
{
    private const long ChunkBytes = 4 * 1024;

    private abstract record Op;
    private sealed record AppendOp(int Span, int Seed) : Op;
    private sealed record WaitOp : Op;
    private sealed record ReopenOp : Op;
    /// <summary>Crash: the unsynced tail of the last chunk is cut at a fraction of its length, then optionally padded with zeros (a torn write that extended the file but lost its data).</summary>
    private sealed record CrashOp(double CutAt, int ZeroPad) : Op;

    private static readonly Gen<Op> GenOp = Gen.Frequency(
        (10, Gen.Select(Gen.Int[0, 40], Gen.Int).Select<int, int, Op>((s, seed) => new AppendOp(s, seed))),
        (3, Gen.Const<Op>(new WaitOp())),
        (1, Gen.Const<Op>(new ReopenOp())),
        (2, Gen.Select(Gen.Double[0, 1], Gen.Frequency((3, Gen.Const(0)), (1, Gen.Int[1, 300]))).Select<double, int, Op>((c, z) => new CrashOp(c, z))));

    private sealed class ModelEntry(byte[] bytes, LogLocation location)
    {
        public byte[] Bytes { get; } = bytes;
        public LogLocation Location { get; set; } = location;
        public bool Durable { get; set; }
    }

    /// <summary>A batch of about span records, each with up to 100 bytes of payload: 64 B to ~5 KiB, so entries often straddle 4 KiB chunks.</summary>
    private static byte[] MakeEntry(ulong prev, int span, int seed)
    {
        var random = new Random(seed);
        var records = Enumerable.Range(1, span).Where(_ => random.Next(3) > 0)
            .Select(i => TestRecord.Write(prev + (ulong)i, (ulong)random.Next(4), 32 + random.Next(1000), [.. Enumerable.Range(0, random.Next(100)).Select(_ => (byte)random.Next(256))]))
            .ToList();
        return TestBatches.Build(new Epoch(1), new Lsn(prev), new Lsn(prev + (ulong)span), records);
    }

    private static (SegmentLog Log, List<(byte[] Bytes, LogLocation Location)> Visited, List<DamagedEntry> Damaged) Open(string dir)
    {
        var visited = new List<(byte[], LogLocation)>();
        var damaged = new List<DamagedEntry>();
        var log = SegmentLog.Open(dir, ChunkBytes, NullLogger.Instance, (ReadOnlySpan<byte> e, in RedoBatchHeader _, LogLocation l) => visited.Add((e.ToArray(), l)), damaged);
        return (log, visited, damaged);
    }

    private static string[] Chunks(string dir) => [.. Directory.GetFiles(dir, "log-*.blg").Order(StringComparer.Ordinal)];

    [Fact]
    public void Random_appends_waits_reopens_and_torn_tails_match_the_model()
    {
        var torn = 0;
        GenOp.List[1, 60].Sample(ops =>
        {
            using var dir = new TempDirectory();
            var (log, visited, damaged) = Open(dir.Path);
            Assert.Empty(visited);
            var model = new List<ModelEntry>();
            ulong last = 0;
            try
            {
                foreach (var op in ops)
                {
                    switch (op)
                    {
                        case AppendOp a:
                            var bytes = MakeEntry(last, a.Span, a.Seed);
                            last += (ulong)a.Span;
                            model.Add(new ModelEntry(bytes, log.Append(bytes)));
                            break;
                        case WaitOp:
                            log.WaitDurableAsync(log.WrittenTicket).GetAwaiter().GetResult();
                            foreach (var e in model) e.Durable = true;
                            break;
                        case ReopenOp:
                            log.Dispose();
                            (log, visited, damaged) = Open(dir.Path);
                            Check(model, visited, damaged, dir.Path);
                            break;
                        case CrashOp c:
                            log.Dispose();
                            Tear(dir.Path, model, c);
                            (log, visited, damaged) = Open(dir.Path);
                            Check(model, visited, damaged, dir.Path);
                            Interlocked.Add(ref torn, model.Count - visited.Count);
                            model.RemoveRange(visited.Count, model.Count - visited.Count);
                            last = model.Count == 0 ? 0 : TestBatches.Header(model[^1].Bytes).LastLsn.Value;
                            break;
                    }
                    // Everything appended can be read back where Append said it went.
                    foreach (var e in model.TakeLast(3))
                    {
                        var buffer = new byte[e.Location.Length];
                        Assert.True(log.TryRead(e.Location, buffer));
                        Assert.Equal(e.Bytes, buffer);
                    }
                }
            }
            finally { log.Dispose(); }
        }, iter: 150, threads: 1);
        Assert.True(torn > 0, "no crash ever tore an entry: the generator is too gentle");
    }

    /// <summary>
    /// Loses the last chunk's unsynced tail from some point on: those bytes revert to the zeros
    /// the chunk was prepared with, sometimes with junk where a write was torn mid-sector. Only
    /// bytes no completed wait covered may go.
    /// </summary>
    private static void Tear(string dir, List<ModelEntry> model, CrashOp crash)
    {
        var chunks = Chunks(dir);
        var lastChunk = chunks[^1];
        var number = int.Parse(Path.GetFileNameWithoutExtension(lastChunk)["log-".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var length = new FileInfo(lastChunk).Length;
        var durableEnd = model.Where(e => e.Durable && e.Location.Chunk == number).Select(e => e.Location.Offset + e.Location.Length).DefaultIfEmpty(0).Max();
        var cut = durableEnd + (long)((length - durableEnd) * crash.CutAt);
        using (var f = new FileStream(lastChunk, FileMode.Open, FileAccess.Write))
        {
            f.Position = cut;
            f.Write(new byte[length - cut]);
            if (cut < length && crash.ZeroPad > 0)
            {
                f.Position = cut;
                f.Write(Enumerable.Repeat((byte)0xAB, (int)Math.Min(crash.ZeroPad, length - cut)).ToArray());
            }
        }
    }

    private static void Check(List<ModelEntry> model, List<(byte[] Bytes, LogLocation Location)> visited, List<DamagedEntry> damaged, string dir)
    {
        Assert.Empty(damaged);
        // A prefix of what was appended, in order, byte-identical, holding every durable entry.
        Assert.True(visited.Count <= model.Count, $"visited {visited.Count} of {model.Count}");
        for (var i = 0; i < visited.Count; i++)
        {
            Assert.Equal(model[i].Bytes, visited[i].Bytes);
            Assert.Equal(model[i].Location, visited[i].Location);
        }
        var durable = model.FindLastIndex(e => e.Durable) + 1;
        Assert.True(visited.Count >= durable, $"lost a durable entry: visited {visited.Count}, durable {durable}");
        // The torn tail is cut: after the surviving entries every chunk holds only zeros.
        foreach (var chunk in Chunks(dir))
        {
            var number = int.Parse(Path.GetFileNameWithoutExtension(chunk)["log-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            var end = visited.Where(v => v.Location.Chunk == number).Select(v => v.Location.Offset + v.Location.Length).DefaultIfEmpty(0).Max();
            var bytes = File.ReadAllBytes(chunk);
            Assert.True(bytes.AsSpan((int)end).IndexOfAnyExcept((byte)0) < 0, $"{chunk} holds non-zero bytes after its last entry at {end}");
        }
    }
}
