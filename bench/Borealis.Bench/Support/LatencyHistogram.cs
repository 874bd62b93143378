using System.Diagnostics;
using System.Numerics;

namespace Borealis.Bench.Support;

/// <summary>
/// Latencies in <see cref="Stopwatch"/> ticks, log-linear like HdrHistogram: exact below 128
/// ticks, then 64 buckets per power of two (under 1.6% error). The counts array is allocated
/// once, so recording on a hot path never allocates. Not thread-safe: one per recording task,
/// merged afterwards.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBits = 6;
    private const int SubBuckets = 1 << SubBits;
    private readonly long[] _counts = new long[(64 - SubBits) * SubBuckets];

    public long Count { get; private set; }

    /// <summary>Sum of every recorded latency, in ticks.</summary>
    public long TotalTicks { get; private set; }

    /// <summary>Operations per second of one loop doing nothing else: 1 / mean latency.</summary>
    public double PerSecond => TotalTicks == 0 ? double.NaN : (double)Count * Stopwatch.Frequency / TotalTicks;

    public void Record(long ticks)
    {
        _counts[Index(ticks)]++;
        Count++;
        TotalTicks += ticks;
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++) _counts[i] += other._counts[i];
        Count += other.Count;
        TotalTicks += other.TotalTicks;
    }

    /// <summary>The latency at quantile <paramref name="q"/> (0..1) in milliseconds; NaN when empty.</summary>
    public double QuantileMs(double q)
    {
        if (Count == 0) return double.NaN;
        var rank = Math.Max(1, (long)Math.Ceiling(q * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank) return Midpoint(i) * 1000.0 / Stopwatch.Frequency;
        }
        return double.NaN;
    }

    private static int Index(long ticks)
    {
        if (ticks < 2 * SubBuckets) return (int)Math.Max(ticks, 0);
        var shift = 63 - BitOperations.LeadingZeroCount((ulong)ticks) - SubBits;
        return shift * SubBuckets + (int)(ticks >> shift);
    }

    private static double Midpoint(int index)
    {
        if (index < 2 * SubBuckets) return index;
        var shift = index / SubBuckets - 1;
        var mantissa = index - shift * SubBuckets;
        return ((double)mantissa + 0.5) * (1L << shift);
    }
}
