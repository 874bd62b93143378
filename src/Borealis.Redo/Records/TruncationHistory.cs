using System.Buffers.Binary;
using System.Collections.Immutable;
using Borealis.Common;

namespace Borealis.Redo;

/// <summary>One writer's truncation at open: under <see cref="Epoch"/>, everything of older epochs above <see cref="KeepThrough"/> is void.</summary>
public readonly record struct Truncation(Epoch Epoch, Lsn KeepThrough);

/// <summary>
/// Every truncation made by the writers of a volume, oldest epoch first. A batch written under
/// epoch e covering up to LSN l is valid only if every truncation of a newer epoch keeps l.
/// Encoded as pairs of u64 epoch, u64 keep-through.
/// </summary>
public readonly struct TruncationHistory : IEquatable<TruncationHistory>
{
    public const int MaxCount = 4096;
    private readonly ImmutableArray<Truncation> _items;

    private TruncationHistory(ImmutableArray<Truncation> items) => _items = items;

    public static TruncationHistory Empty => new(ImmutableArray<Truncation>.Empty);

    public ImmutableArray<Truncation> Items => _items.IsDefault ? ImmutableArray<Truncation>.Empty : _items;
    public int Count => Items.Length;
    public int EncodedLength => Count * 16;
    public Epoch NewestEpoch => Count == 0 ? Epoch.Zero : Items[^1].Epoch;

    /// <summary>True when a batch written under <paramref name="epoch"/> ending at <paramref name="last"/> survives every later truncation.</summary>
    public bool Keeps(Epoch epoch, Lsn last)
    {
        foreach (var t in Items)
            if (t.Epoch > epoch && last > t.KeepThrough) return false;
        return true;
    }

    /// <summary>The union of two histories (they never disagree on an epoch's point; if they did, the smaller point is kept).</summary>
    public TruncationHistory Merge(TruncationHistory other)
    {
        if (other.Count == 0) return this;
        if (Count == 0) return other;
        var map = new SortedDictionary<ulong, Lsn>();
        foreach (var t in Items.Concat(other.Items))
            map[t.Epoch.Value] = map.TryGetValue(t.Epoch.Value, out var k) ? Lsn.Min(k, t.KeepThrough) : t.KeepThrough;
        return new TruncationHistory(map.Select(kv => new Truncation(new Epoch(kv.Key), kv.Value)).ToImmutableArray());
    }

    public TruncationHistory Add(Truncation truncation) => Merge(new TruncationHistory(ImmutableArray.Create(truncation)));

    public void Write(Span<byte> dest)
    {
        for (var i = 0; i < Count; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(dest[(i * 16)..], Items[i].Epoch.Value);
            BinaryPrimitives.WriteUInt64LittleEndian(dest[(i * 16 + 8)..], Items[i].KeepThrough.Value);
        }
    }

    public static bool TryRead(ReadOnlySpan<byte> source, int count, out TruncationHistory history, out int bytesRead)
    {
        history = Empty;
        bytesRead = 0;
        // Bound the count before multiplying: count * 16 overflows for counts read off the wire.
        if (count is < 0 or > MaxCount || source.Length < count * 16) return false;
        bytesRead = count * 16;
        var builder = ImmutableArray.CreateBuilder<Truncation>(count);
        for (var i = 0; i < count; i++)
        {
            var t = new Truncation(new Epoch(BinaryPrimitives.ReadUInt64LittleEndian(source[(i * 16)..])), new Lsn(BinaryPrimitives.ReadUInt64LittleEndian(source[(i * 16 + 8)..])));
            if (builder.Count > 0 && builder[^1].Epoch >= t.Epoch) return false;
            builder.Add(t);
        }
        history = new TruncationHistory(builder.MoveToImmutable());
        return true;
    }

    public bool Equals(TruncationHistory other) => Items.SequenceEqual(other.Items);
    public override bool Equals(object? obj) => obj is TruncationHistory h && Equals(h);
    public override int GetHashCode() => Count == 0 ? 0 : HashCode.Combine(Count, Items[^1]);
    public static bool operator ==(TruncationHistory a, TruncationHistory b) => a.Equals(b);
    public static bool operator !=(TruncationHistory a, TruncationHistory b) => !a.Equals(b);
    public override string ToString() => string.Join(",", Items.Select(t => $"{t.Epoch}:{t.KeepThrough}"));
}
