using System.Diagnostics;
using Borealis.Bench.Support;

namespace Borealis.Bench.Volume;

/// <summary>
/// The machine's own limit: a loop of 4 KiB append + fsync (<see cref="RandomAccess.FlushToDisk"/>,
/// as the segment log does) on one file in the data directory. A committer cannot be durable
/// faster than one of these, so commit latency is judged against its p50.
/// </summary>
internal static class FsyncBaseline
{
    public const int BlockBytes = 4096;

    public static (LatencyHistogram Latency, double Seconds) Run(string directory, TimeSpan warmup, TimeSpan measure)
    {
        var path = Path.Combine(directory, "fsync-baseline.bin");
        var block = new byte[BlockBytes];
        Random.Shared.NextBytes(block);
        var histogram = new LatencyHistogram();
        try
        {
            using var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
            long offset = 0;
            // The file grows, as a log chunk does, so every fsync also carries the size change.
            var warmEnd = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < warmEnd) WriteAndFlush(file, block, ref offset);
            var start = Stopwatch.GetTimestamp();
            var end = start + (long)(measure.TotalSeconds * Stopwatch.Frequency);
            long now;
            do
            {
                var t0 = Stopwatch.GetTimestamp();
                WriteAndFlush(file, block, ref offset);
                now = Stopwatch.GetTimestamp();
                histogram.Record(now - t0);
            }
            while (now < end);
            return (histogram, (double)(now - start) / Stopwatch.Frequency);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void WriteAndFlush(Microsoft.Win32.SafeHandles.SafeFileHandle file, byte[] block, ref long offset)
    {
        RandomAccess.Write(file, block, offset);
        RandomAccess.FlushToDisk(file);
        offset += block.Length;
    }
}
