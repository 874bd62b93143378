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
/// <item>quorum: six threads append + fsync one block each to six files at once, timed until
/// the fourth is done — what the embedded fleet (six segment logs on this one disk, a write
/// quorum of four) cannot beat.</item>
/// </list>
/// </summary>
internal static class FsyncBaseline
{
    public const int BlockBytes = 4096;
    private const long OverwriteSpan = 1024 * 1024;

    public const int Copies = 6;
    public const int WriteQuorum = 4;

    public static (LatencyHistogram Append, LatencyHistogram Overwrite, LatencyHistogram Quorum) Run(string directory, TimeSpan warmup, TimeSpan measure)
    {
        using var quorum = new QuorumFsync(directory);
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
                quorum.RunOnce();
            }
            while (now < end);
            return (append, overwrite, quorum.Latency);
        }
        finally
        {
            File.Delete(appendPath);
            File.Delete(overwritePath);
        }
    }

    /// <summary>Six threads, one file each, released together by a barrier for each round.</summary>
    private sealed class QuorumFsync : IDisposable
    {
        private readonly Barrier _barrier = new(Copies + 1);
        private readonly long[] _done = new long[Copies];
        private readonly long[] _sorted = new long[Copies];
        private readonly SafeFileHandle[] _files = new SafeFileHandle[Copies];
        private readonly string[] _paths = new string[Copies];
        private readonly Thread[] _threads = new Thread[Copies];
        private readonly byte[] _block = new byte[BlockBytes];
        private long _offset;
        private volatile bool _stopping;

        public QuorumFsync(string directory)
        {
            for (var i = 0; i < Copies; i++)
            {
                _paths[i] = Path.Combine(directory, $"fsync-quorum-{i}.bin");
                _files[i] = File.OpenHandle(_paths[i], FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
                var index = i;
                _threads[i] = new Thread(() => Work(index)) { IsBackground = true, Name = "fsync-quorum-" + i };
                _threads[i].Start();
            }
        }

        public LatencyHistogram Latency { get; } = new();

        public void RunOnce()
        {
            var start = Stopwatch.GetTimestamp();
            _barrier.SignalAndWait(); // go
            _barrier.SignalAndWait(); // all done
            _offset += BlockBytes;
            _done.CopyTo(_sorted, 0);
            Array.Sort(_sorted);
            Latency.Record(_sorted[WriteQuorum - 1] - start);
        }

        private void Work(int index)
        {
            while (true)
            {
                _barrier.SignalAndWait();
                if (_stopping) return;
                WriteAndFlush(_files[index], _block, _offset);
                _done[index] = Stopwatch.GetTimestamp();
                _barrier.SignalAndWait();
            }
        }

        public void Dispose()
        {
            _stopping = true;
            _barrier.SignalAndWait();
            foreach (var t in _threads) t.Join();
            _barrier.Dispose();
            for (var i = 0; i < Copies; i++)
            {
                _files[i].Dispose();
                File.Delete(_paths[i]);
            }
        }
    }

    private static void WriteAndFlush(SafeFileHandle file, byte[] block, long offset)
    {
        RandomAccess.Write(file, block, offset);
        RandomAccess.FlushToDisk(file);
    }
}
