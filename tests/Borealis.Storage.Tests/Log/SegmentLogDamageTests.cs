using Borealis.Common;
using Borealis.Redo;
using Borealis.Redo.Tests;
using Borealis.Storage.Log;
using Microsoft.Extensions.Logging.Abstractions;

namespace Borealis.Storage.Tests.Log;

public class SegmentLogDamageTests
{
    private static byte[] Entry(ulong prev) =>
        TestBatches.Build(new Epoch(1), new Lsn(prev), new Lsn(prev + 2), [TestRecord.Write(prev + 1, 0, 64, 1, 2, 3, 4, 5, 6, 7, 8), TestRecord.Write(prev + 2, 1, 64, 9)]);

    private static (List<(Lsn Prev, LogLocation Location)> Visited, List<DamagedEntry> Damaged) Reopen(string dir, long chunkBytes)
    {
        var visited = new List<(Lsn, LogLocation)>();
        var damaged = new List<DamagedEntry>();
        using var log = SegmentLog.Open(dir, chunkBytes, NullLogger.Instance, (ReadOnlySpan<byte> _, in RedoBatchHeader h, LogLocation l) => visited.Add((h.PrevLsn, l)), damaged);
        return (visited, damaged);
    }

    private static List<LogLocation> Write(string dir, long chunkBytes, int count)
    {
        using var log = SegmentLog.Open(dir, chunkBytes, NullLogger.Instance, (ReadOnlySpan<byte> _, in RedoBatchHeader _, LogLocation _) => { }, []);
        var locations = Enumerable.Range(0, count).Select(i => log.Append(Entry((ulong)i * 2))).ToList();
        log.WaitDurableAsync(log.WrittenTicket).GetAwaiter().GetResult();
        return locations;
    }

    private static void Flip(string dir, LogLocation at, int offsetInEntry)
    {
        var path = Path.Combine(dir, $"log-{at.Chunk:D10}.blg");
        var bytes = File.ReadAllBytes(path);
        bytes[at.Offset + offsetInEntry] ^= 0x40;
        File.WriteAllBytes(path, bytes);
    }

    [Fact]
    public void A_flipped_body_byte_in_an_early_entry_is_reported_with_its_range_and_later_entries_are_visited()
    {
        using var dir = new TempDirectory();
        var at = Write(dir.Path, 1 << 20, 5);
        Flip(dir.Path, at[1], RedoBatchHeader.Size + 40);
        var (visited, damaged) = Reopen(dir.Path, 1 << 20);
        Assert.Equal([new Lsn(0), new Lsn(4), new Lsn(6), new Lsn(8)], visited.Select(v => v.Prev));
        var d = Assert.Single(damaged);
        Assert.Equal(new DamagedEntry(at[1], new Lsn(2), new Lsn(4), RangeKnown: true), d);
        // Damage is left for repair, not cut or zeroed: the last entry is still on disk.
        var bytes = File.ReadAllBytes(Path.Combine(dir.Path, "log-0000000001.blg"));
        Assert.True(RedoBatchHeader.TryValidate(bytes.AsSpan((int)at[4].Offset, at[4].Length), out _));
    }

    [Fact]
    public void A_flipped_header_byte_is_reported_as_damaged_bytes_up_to_the_next_entry()
    {
        using var dir = new TempDirectory();
        var at = Write(dir.Path, 1 << 20, 4);
        Flip(dir.Path, at[1], 20); // the volume id: header CRC fails, range unknown
        var (visited, damaged) = Reopen(dir.Path, 1 << 20);
        Assert.Equal([new Lsn(0), new Lsn(4), new Lsn(6)], visited.Select(v => v.Prev));
        var d = Assert.Single(damaged);
        Assert.Equal(new DamagedEntry(at[1], Lsn.Zero, Lsn.Zero, RangeKnown: false), d);
    }

    [Fact]
    public void Damage_at_the_end_of_an_earlier_chunk_is_reported_not_cut()
    {
        using var dir = new TempDirectory();
        var one = Entry(0).Length;
        var at = Write(dir.Path, 2 * one, 4); // two entries per chunk
        Assert.Equal([1, 1, 2, 2], at.Select(l => l.Chunk));
        Flip(dir.Path, at[1], RedoBatchHeader.Size + 3);
        var (visited, damaged) = Reopen(dir.Path, 2 * one);
        Assert.Equal([new Lsn(0), new Lsn(4), new Lsn(6)], visited.Select(v => v.Prev));
        Assert.Equal(new DamagedEntry(at[1], new Lsn(2), new Lsn(4), RangeKnown: true), Assert.Single(damaged));
    }

    [Fact]
    public void Reading_a_deleted_chunk_fails_and_the_current_chunk_is_never_deleted()
    {
        using var dir = new TempDirectory();
        var one = Entry(0).Length;
        using var log = SegmentLog.Open(dir.Path, one, NullLogger.Instance, (ReadOnlySpan<byte> _, in RedoBatchHeader _, LogLocation _) => { }, []);
        var a = log.Append(Entry(0));
        var b = log.Append(Entry(2));
        Assert.Equal([1, 2], log.ChunkNumbers);
        log.DeleteChunk(2); // current: refused
        log.DeleteChunk(1);
        Assert.Equal([2], log.ChunkNumbers);
        Assert.False(log.TryRead(a, new byte[a.Length]));
        Assert.True(log.TryRead(b, new byte[b.Length]));
        Assert.False(File.Exists(Path.Combine(dir.Path, "log-0000000001.blg")));
    }
}
