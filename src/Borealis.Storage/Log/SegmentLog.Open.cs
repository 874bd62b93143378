using Borealis.Common;
using Borealis.Redo;
using Microsoft.Extensions.Logging;

namespace Borealis.Storage.Log;

public sealed partial class SegmentLog
{
    /// <summary>Receives each intact entry found while opening the log, in file order.</summary>
    public delegate void EntryVisitor(ReadOnlySpan<byte> entry, in RedoBatchHeader header, LogLocation location);

    /// <summary>
    /// Opens (or creates) the log in <paramref name="directory"/>, visiting every intact entry.
    /// A torn tail (an incomplete or failing entry with nothing valid after it in the last
    /// chunk: a write that never completed before a crash) is cut off. A failing entry with
    /// valid entries after it is damage, not a torn write: it is reported and left for repair.
    /// </summary>
    public static SegmentLog Open(string directory, long chunkBytes, ILogger log, EntryVisitor visit, List<DamagedEntry> damaged)
    {
        ArgumentNullException.ThrowIfNull(visit);
        ArgumentNullException.ThrowIfNull(damaged);
        CrashSafe.CreateDirectoryDurably(directory);
        var result = new SegmentLog(directory, chunkBytes, log);
        try
        {
            File.Delete(Path.Combine(directory, PreparedName));
            var chunks = Directory.EnumerateFiles(directory)
                .Select(p => TryParseChunk(p, out var n) ? n : -1).Where(n => n >= 0).Order().ToList();
            for (var i = 0; i < chunks.Count; i++)
            {
                var isLast = i == chunks.Count - 1;
                var path = result.ChunkPath(chunks[i]);
                var (validLength, garbageEnd) = ScanChunk(path, chunks[i], isLast, log, visit, damaged);
                var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
                if (isLast)
                {
                    var fileLength = RandomAccess.GetLength(handle);
                    if (garbageEnd > validLength)
                    {
                        // A write torn by the crash: never acknowledged (acks follow the fsync). Zero
                        // it, so no later scan mistakes its remains for an entry.
                        log.LogWarning("cut torn tail of {Path} at {Offset} ({Bytes} bytes)", path, validLength, garbageEnd - validLength);
                        ZeroFill(handle, validLength, garbageEnd);
                    }
                    if (fileLength < chunkBytes) ZeroFill(handle, Math.Max(fileLength, garbageEnd), chunkBytes);
                }
                // What a crashed process wrote may still be only in the page cache: make it durable
                // before the segment reports it in its SCL.
                RandomAccess.FlushToDisk(handle);
                result._chunks[chunks[i]] = handle;
                result._current = chunks[i];
                result._currentLength = validLength;
            }
            if (chunks.Count == 0)
            {
                result.StartChunk(1);
                result._directoryDirty = false;
                CrashSafe.FsyncDirectory(directory);
            }
            else
            {
                result._preparing = PrepareInBackground(Path.Combine(directory, PreparedName), chunkBytes);
            }
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Scans one chunk; returns the length up to which it holds whole entries or reported
    /// damage, and the end of the non-zero bytes after that (a torn write in the last chunk).
    /// </summary>
    private static (long Valid, long GarbageEnd) ScanChunk(string path, int chunk, bool isLast, ILogger log, EntryVisitor visit, List<DamagedEntry> damaged)
    {
        var bytes = File.ReadAllBytes(path);
        var span = bytes.AsSpan();
        long offset = 0;
        while (offset < span.Length)
        {
            var rest = span[(int)offset..];
            if (RedoBatchHeader.TryRead(rest, out var header) && header.Length <= rest.Length)
            {
                var entry = rest[..header.Length];
                var location = new LogLocation(chunk, offset, header.Length);
                if (RedoBatchHeader.TryValidate(entry, out _))
                {
                    visit(entry, header, location);
                    offset += header.Length;
                    continue;
                }
                var next = FindNextHeader(span, offset + 1);
                if (next < 0 && isLast) return (offset, GarbageEnd(span, offset));
                log.LogError("damaged log entry in {Path} at {Offset}: covers ({Prev}, {Last}]", path, offset, header.PrevLsn, header.LastLsn);
                damaged.Add(new DamagedEntry(location, header.PrevLsn, header.LastLsn, RangeKnown: true));
                offset += header.Length;
                continue;
            }
            if (rest.IndexOfAnyExcept((byte)0) < 0) return (offset, offset); // the zero-filled rest of the chunk
            var resume = FindNextHeader(span, offset + 1);
            if (resume < 0)
            {
                if (isLast) return (offset, GarbageEnd(span, offset));
                log.LogError("damaged tail of chunk {Path} from {Offset}", path, offset);
                damaged.Add(new DamagedEntry(new LogLocation(chunk, offset, (int)(span.Length - offset)), Lsn.Zero, Lsn.Zero, RangeKnown: false));
                return (span.Length, span.Length);
            }
            log.LogError("damaged bytes in {Path} from {Offset} to {Resume}", path, offset, resume);
            damaged.Add(new DamagedEntry(new LogLocation(chunk, offset, (int)(resume - offset)), Lsn.Zero, Lsn.Zero, RangeKnown: false));
            offset = resume;
        }
        return (offset, offset);
    }

    private static long GarbageEnd(ReadOnlySpan<byte> span, long from) => from + span[(int)from..].LastIndexOfAnyExcept((byte)0) + 1;

    /// <summary>The offset of the next intact entry at or after <paramref name="from"/>, or -1.</summary>
    private static long FindNextHeader(ReadOnlySpan<byte> span, long from)
    {
        ReadOnlySpan<byte> magic = [0x42, 0x52, 0x42, 0x31];
        var at = (int)from;
        while (at < span.Length)
        {
            var hit = span[at..].IndexOf(magic);
            if (hit < 0) return -1;
            at += hit;
            if (RedoBatchHeader.TryRead(span[at..], out var h) && h.Length <= span.Length - at && RedoBatchHeader.TryValidate(span.Slice(at, h.Length), out _))
                return at;
            at++;
        }
        return -1;
    }
}
