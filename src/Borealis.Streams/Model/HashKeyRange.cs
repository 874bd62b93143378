using System.Globalization;
using System.Numerics;

namespace Borealis.Streams.Model;

/// <summary>
/// The hash keys (0 .. 2^128-1) a shard owns, both ends included. A new stream's shards split
/// the space evenly as Kinesis does: shard i starts at i * floor(2^128 / n), the last one ends
/// at 2^128-1.
/// </summary>
public readonly record struct HashKeyRange(BigInteger Start, BigInteger End)
{
    public static readonly BigInteger MaxHashKey = (BigInteger.One << 128) - 1;

    public bool Contains(BigInteger key) => key >= Start && key <= End;

    public static IReadOnlyList<HashKeyRange> SplitEvenly(int shards)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        var step = (MaxHashKey + 1) / shards;
        var ranges = new HashKeyRange[shards];
        for (var i = 0; i < shards; i++)
            ranges[i] = new HashKeyRange(step * i, i == shards - 1 ? MaxHashKey : step * (i + 1) - 1);
        return ranges;
    }

    public static string Format(BigInteger key) => key.ToString(CultureInfo.InvariantCulture);
}
