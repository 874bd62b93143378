using System.Diagnostics;
using Borealis.Bench.Support;
using Microsoft.Win32.SafeHandles;

namespace Borealis.Bench.Volume;

/// <summary>
/// The machine's own limit: a loop of 4 KiB write + fsync (<see cref="RandomAccess.Write(SafeFileHandle, ReadOnlySpan{byte}, long)"/>
/// + <see cref="RandomAccess.FlushToDisk"/>) on files in the data directory. Iterations
/// alternate between two files, so both see the same disk weather:
/// <list type="bullet">
/// <item>append: the file grows, as a segment log chunk does, so each fsync also commits the size
/// change (and a new block now and then) to the journal — the reference for commit latency;</item>
/// <item>overwrite: in place, cycling over 1 MiB already allocated and synced — a pure data
/// flush, the least any durable write can cost on this disk.</item>
/// </list>
/// </summary>
internal static class FsyncBaseline
{
    public const int BlockBytes = 4096;
    private const long OverwriteSpan = 1024 * 1024;

    public static (LatencyHistogram Append, LatencyHistogram Overwrite) Run(string directory, TimeSpan warmup, TimeSpan measure)
    {
        var appendPath = Path.Combine(directory, "fsync-append.bin");
        var overwritePath = Path.Combine(directory, "fsync-overwrite.bin");
        var block = new byte[BlockBytes];
        Random.Shared.NextBytes(block);
        var append = new LatencyHistogram();
        var overwrite = new LatencyHistogram();
        try
        {
            using var appended = File.OpenHandle(appendPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
            using var overwritten = File.OpenHandle(overwritePath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
            for (long o = 0; o < OverwriteSpan; o += BlockBytes) RandomAccess.Write(overwritten, block, o);
            RandomAccess.FlushToDisk(overwritten);

            long appendAt = 0, overwriteAt = 0;
            var measureFrom = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
            var end = measureFrom + (long)(measure.TotalSeconds * Stopwatch.Frequency);
            long now;
            do
            {
                var t0 = Stopwatch.GetTimestamp();
                WriteAndFlush(appended, block, appendAt);
                var t1 = Stopwatch.GetTimestamp();
                WriteAndFlush(overwritten, block, overwriteAt);
                now = Stopwatch.GetTimestamp();
                appendAt += BlockBytes;
                overwriteAt = (overwriteAt + BlockBytes) % OverwriteSpan;
                if (t0 < measureFrom) continue;
                append.Record(t1 - t0);
                overwrite.Record(now - t1);
            }
            while (now < end);
            return (append, overwrite);
        }
        finally
        {
            File.Delete(appendPath);
            File.Delete(overwritePath);
        }
    }

    private static void WriteAndFlush(SafeFileHandle file, byte[] block, long offset)
    {
        RandomAccess.Write(file, block, offset);
        RandomAccess.FlushToDisk(file);
    }
}
