using System.Diagnostics;
using Borealis.Bench.Support;
using Borealis.Common;
using Borealis.Redo;
using Borealis.Volume.Writing;

namespace Borealis.Bench.Volume;

/// <summary>
/// N committers against one open volume. A committer is a task that loops: fill its reusable
/// mini-transaction with <c>recordsPerCommit</c> WriteBytes records of a 100-byte payload
/// (2-byte offset + 98 data bytes) on a page of its own, <c>CommitAsync</c>, and record the
/// commit's latency. Only commits that complete inside the measuring window count; the
/// warm-up before it lets the JIT, the pipelines and the page cache settle.
/// </summary>
internal static class CommitterLoad
{
    public const int DataBytes = 98;
    public const int PayloadBytes = 2 + DataBytes;
    public const int RecordBytes = RedoRecord.HeaderSize + PayloadBytes;

    public readonly record struct Outcome(LatencyHistogram Latency, long Commits, double Seconds);

    /// <summary>The measuring window, in Stopwatch timestamps; open-ended until set.</summary>
    private sealed class Window
    {
        private long _from = long.MaxValue;
        private long _until = long.MaxValue;

        public bool Running => Volatile.Read(ref _until) == long.MaxValue;
        public bool Contains(long timestamp) => timestamp >= Volatile.Read(ref _from) && timestamp <= Volatile.Read(ref _until);
        public void Open(long timestamp) => Volatile.Write(ref _from, timestamp);
        public void Close(long timestamp) => Volatile.Write(ref _until, timestamp);
        public double Seconds => (double)(_until - _from) / Stopwatch.Frequency;
    }

    public static async Task<Outcome> RunAsync(Borealis.Volume.Volume volume, int committers, int recordsPerCommit, TimeSpan warmup, TimeSpan measure, CancellationToken cancellationToken)
    {
        var window = new Window();
        var histograms = new LatencyHistogram[committers];
        var tasks = new Task[committers];
        for (var i = 0; i < committers; i++)
        {
            histograms[i] = new LatencyHistogram();
            var page = new PageId(1 + (ulong)i % (volume.PagesPerGroup - 1)); // one page each, all in group 0
            var histogram = histograms[i];
            tasks[i] = Task.Run(() => CommitLoopAsync(volume, page, recordsPerCommit, histogram, window, cancellationToken), cancellationToken);
        }
        try
        {
            await Task.Delay(warmup, cancellationToken).ConfigureAwait(false);
            window.Open(Stopwatch.GetTimestamp());
            await Task.Delay(measure, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            window.Close(Stopwatch.GetTimestamp());
        }
        // A committer that fails ends the run with its exception; the others stop at the window's close.
        await Task.WhenAll(tasks).ConfigureAwait(false);
        var total = new LatencyHistogram();
        foreach (var h in histograms) total.Add(h);
        return new Outcome(total, total.Count, window.Seconds);
    }

    private static async Task CommitLoopAsync(Borealis.Volume.Volume volume, PageId page, int recordsPerCommit, LatencyHistogram latency, Window window, CancellationToken cancellationToken)
    {
        var data = new byte[DataBytes];
        Random.Shared.NextBytes(data);
        using var mtr = new MiniTransaction();
        while (window.Running)
        {
            mtr.Clear();
            for (var r = 0; r < recordsPerCommit; r++) mtr.WriteBytes(page, PageFrame.HeaderSize + r % 8 * PayloadBytes, data);
            var start = Stopwatch.GetTimestamp();
            await volume.CommitAsync(mtr, cancellationToken).ConfigureAwait(false);
            var end = Stopwatch.GetTimestamp();
            if (window.Contains(end)) latency.Record(end - start);
        }
    }
}
