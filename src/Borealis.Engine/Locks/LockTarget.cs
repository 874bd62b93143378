using Borealis.Engine.Transactions;
using System.Globalization;

namespace Borealis.Engine.Locks;

public enum LockTargetKind : byte
{
    /// <summary>A whole table: intention locks (IS, IX) and table locks (S, X).</summary>
    Table = 1,

    /// <summary>A record of an index, by its key; its gap is the one just below the key.</summary>
    Record = 2,

    /// <summary>
    /// The pseudo-record above every key of an index. It has no record of its own, only the
    /// gap between the last key and infinity, so every lock on it is a gap lock.
    /// </summary>
    Supremum = 3,
}

/// <summary>
/// What a lock is on. Two targets are the same when kind, id and key bytes are equal, so a
/// caller may pass a key in any buffer; the manager copies the bytes when it keeps them.
/// </summary>
public readonly struct LockTarget : IEquatable<LockTarget>
{
    private readonly uint _id;

    private LockTarget(LockTargetKind kind, uint id, ReadOnlyMemory<byte> key)
    {
        Kind = kind;
        _id = id;
        Key = key;
    }

    public static LockTarget OfTable(TableId table) => new(LockTargetKind.Table, table.Value, default);

    /// <summary>The record of <paramref name="index"/> with the memcomparable <paramref name="key"/>.</summary>
    public static LockTarget OfRecord(IndexId index, ReadOnlyMemory<byte> key) => new(LockTargetKind.Record, index.Value, key);

    /// <summary>The supremum of <paramref name="index"/>: lock it to lock the gap above the last key.</summary>
    public static LockTarget SupremumOf(IndexId index) => new(LockTargetKind.Supremum, index.Value, default);

    public LockTargetKind Kind { get; }

    /// <summary>The table of a <see cref="LockTargetKind.Table"/> target.</summary>
    public TableId Table => Kind == LockTargetKind.Table ? new TableId(_id) : throw new InvalidOperationException($"a {Kind} target has no table");

    /// <summary>The index of a record or supremum target.</summary>
    public IndexId Index => Kind != LockTargetKind.Table ? new IndexId(_id) : throw new InvalidOperationException("a table target has no index");

    /// <summary>The key of a record target; empty for the others.</summary>
    public ReadOnlyMemory<byte> Key { get; }

    public bool IsTable => Kind == LockTargetKind.Table;

    /// <summary>The same target with its key in a buffer of its own.</summary>
    internal LockTarget WithKey(ReadOnlyMemory<byte> key) => new(Kind, _id, key);

    public bool Equals(LockTarget other) =>
        Kind == other.Kind && _id == other._id && Key.Span.SequenceEqual(other.Key.Span);

    public override bool Equals(object? obj) => obj is LockTarget other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Kind);
        hash.Add(_id);
        hash.AddBytes(Key.Span);
        return hash.ToHashCode();
    }

    public static bool operator ==(LockTarget left, LockTarget right) => left.Equals(right);
    public static bool operator !=(LockTarget left, LockTarget right) => !left.Equals(right);

    public override string ToString() => Kind switch
    {
        LockTargetKind.Table => string.Create(CultureInfo.InvariantCulture, $"table {_id}"),
        LockTargetKind.Supremum => string.Create(CultureInfo.InvariantCulture, $"index {_id} supremum"),
        _ => string.Create(CultureInfo.InvariantCulture, $"index {_id} key {Convert.ToHexString(Key.Span)}"),
    };
}
