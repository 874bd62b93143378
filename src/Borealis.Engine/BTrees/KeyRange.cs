namespace Borealis.Engine.BTrees;

/// <summary>One end of a key range.</summary>
public readonly record struct KeyBound(ReadOnlyMemory<byte> Key, bool Inclusive)
{
    public static KeyBound AtOrAbove(ReadOnlyMemory<byte> key) => new(key, true);
    public static KeyBound Above(ReadOnlyMemory<byte> key) => new(key, false);
    public static KeyBound AtOrBelow(ReadOnlyMemory<byte> key) => new(key, true);
    public static KeyBound Below(ReadOnlyMemory<byte> key) => new(key, false);
}

/// <summary>Keys between <see cref="Low"/> and <see cref="High"/>; a missing end is unbounded.</summary>
public readonly record struct KeyRange(KeyBound? Low, KeyBound? High)
{
    public static KeyRange All => default;

    /// <summary>The keys starting with <paramref name="prefix"/>.</summary>
    public static KeyRange Prefix(ReadOnlyMemory<byte> prefix)
    {
        // The first key after every extension of the prefix: drop trailing 0xFF bytes, add one to the last.
        var bytes = prefix.ToArray();
        var length = bytes.Length;
        while (length > 0 && bytes[length - 1] == 0xFF) length--;
        if (length == 0) return new KeyRange(KeyBound.AtOrAbove(prefix), null);
        var end = bytes[..length];
        end[^1]++;
        return new KeyRange(KeyBound.AtOrAbove(prefix), KeyBound.Below(end));
    }

    public bool IsAboveLow(ReadOnlySpan<byte> key) =>
        Low is not { } low || (low.Inclusive ? key.SequenceCompareTo(low.Key.Span) >= 0 : key.SequenceCompareTo(low.Key.Span) > 0);

    public bool IsBelowHigh(ReadOnlySpan<byte> key) =>
        High is not { } high || (high.Inclusive ? key.SequenceCompareTo(high.Key.Span) <= 0 : key.SequenceCompareTo(high.Key.Span) < 0);
}

public enum ScanDirection
{
    Forward,
    Backward,
}
