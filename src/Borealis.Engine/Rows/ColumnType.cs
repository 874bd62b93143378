using Borealis.Engine.Keys;

namespace Borealis.Engine.Rows;

/// <summary>
/// A column's type as the engine stores and compares it: the kind, its parameters, and
/// nullability. Built with the static factories, which check the parameters against MySQL's
/// limits. What a value of each kind looks like is in <see cref="ColumnValue"/>; how it is
/// stored, in <see cref="RowWriter"/>.
/// </summary>
public sealed record ColumnType
{
    private ColumnType(ColumnKind kind, bool nullable)
    {
        Kind = kind;
        Nullable = nullable;
    }

    public ColumnKind Kind { get; }
    public bool Nullable { get; }
    /// <summary>For the integer kinds: UNSIGNED.</summary>
    public bool Unsigned { get; private init; }
    /// <summary>
    /// Characters (Char, VarChar), bytes (Binary, VarBinary, Text, Blob, Json), bits (Bit) or
    /// digits (Decimal: the precision).
    /// </summary>
    public long Length { get; private init; }
    /// <summary>Decimal: digits after the point; DateTime, Timestamp, Time: fractional-second digits (0..6).</summary>
    public int Scale { get; private init; }
    /// <summary>For the string kinds; <see cref="Keys.Collation.Binary"/> for the others.</summary>
    public Collation Collation { get; private init; } = Collation.Binary;
    /// <summary>Enum and Set: the members, in declaration order.</summary>
    public IReadOnlyList<string> Members { get; private init; } = [];

    /// <summary>Bytes a value takes in the fixed area of a row, or 0 for the variable-length kinds.</summary>
    public int FixedSize => Kind switch
    {
        ColumnKind.Int8 or ColumnKind.Year => 1,
        ColumnKind.Int16 => 2,
        ColumnKind.Int24 or ColumnKind.Date => 3,
        ColumnKind.Int32 or ColumnKind.Float => 4,
        ColumnKind.Int64 or ColumnKind.Double or ColumnKind.DateTime or ColumnKind.Timestamp or ColumnKind.Time => 8,
        ColumnKind.Decimal => Length <= 18 ? 8 : Length <= 38 ? 16 : DecimalStorage.WideSize,
        ColumnKind.Bit => (int)(Length + 7) / 8,
        ColumnKind.Enum => Members.Count <= 255 ? 1 : 2,
        ColumnKind.Set => Math.Max(1, (Members.Count + 7) / 8),
        _ => 0,
    };

    public bool IsVariableLength => FixedSize == 0;

    /// <summary>The same type, nullable or not.</summary>
    public ColumnType WithNullable(bool nullable) => new(Kind, nullable)
    {
        Unsigned = Unsigned, Length = Length, Scale = Scale, Collation = Collation, Members = Members,
    };

    public static ColumnType Integer(ColumnKind kind, bool unsigned = false, bool nullable = true)
    {
        if (kind is not (ColumnKind.Int8 or ColumnKind.Int16 or ColumnKind.Int24 or ColumnKind.Int32 or ColumnKind.Int64))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an integer kind");
        return new ColumnType(kind, nullable) { Unsigned = unsigned };
    }

    public static ColumnType Float(bool nullable = true) => new(ColumnKind.Float, nullable);
    public static ColumnType Double(bool nullable = true) => new(ColumnKind.Double, nullable);

    public static ColumnType Decimal(int precision, int scale, bool nullable = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(precision, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(precision, 65);
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, Math.Min(30, precision));
        return new ColumnType(ColumnKind.Decimal, nullable) { Length = precision, Scale = scale };
    }

    public static ColumnType Bit(int bits, bool nullable = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 64);
        return new ColumnType(ColumnKind.Bit, nullable) { Length = bits };
    }

    /// <summary>CHAR, VARCHAR or TEXT (length: characters for CHAR/VARCHAR, bytes for TEXT).</summary>
    public static ColumnType String(ColumnKind kind, long length, Collation collation, bool nullable = true)
    {
        ArgumentNullException.ThrowIfNull(collation);
        if (kind is not (ColumnKind.Char or ColumnKind.VarChar or ColumnKind.Text or ColumnKind.Json))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a character string kind");
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new ColumnType(kind, nullable) { Length = length, Collation = collation };
    }

    /// <summary>BINARY, VARBINARY or BLOB (length: bytes).</summary>
    public static ColumnType Bytes(ColumnKind kind, long length, bool nullable = true)
    {
        if (kind is not (ColumnKind.Binary or ColumnKind.VarBinary or ColumnKind.Blob))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a byte string kind");
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new ColumnType(kind, nullable) { Length = length };
    }

    /// <summary>DATE, DATETIME(fsp), TIMESTAMP(fsp), TIME(fsp) or YEAR.</summary>
    public static ColumnType Temporal(ColumnKind kind, int fsp = 0, bool nullable = true)
    {
        if (kind is not (ColumnKind.Date or ColumnKind.DateTime or ColumnKind.Timestamp or ColumnKind.Time or ColumnKind.Year))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a temporal kind");
        ArgumentOutOfRangeException.ThrowIfNegative(fsp);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fsp, kind is ColumnKind.Date or ColumnKind.Year ? 0 : 6);
        return new ColumnType(kind, nullable) { Scale = fsp };
    }

    public static ColumnType Enum(IReadOnlyList<string> members, bool nullable = true)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(members.Count, 65535);
        return new ColumnType(ColumnKind.Enum, nullable) { Members = [.. members] };
    }

    public static ColumnType Set(IReadOnlyList<string> members, bool nullable = true)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(members.Count, 64);
        return new ColumnType(ColumnKind.Set, nullable) { Members = [.. members] };
    }

    public static ColumnType Json(bool nullable = true) => new(ColumnKind.Json, nullable) { Length = uint.MaxValue, Collation = Collation.Utf8mb4Bin };

    /// <summary>Signed integer kinds read as Int64; unsigned ones, Bit, Enum and Set as UInt64.</summary>
    internal bool ReadsAsUnsigned => Kind is ColumnKind.Bit or ColumnKind.Enum or ColumnKind.Set || (Unsigned && Kind <= ColumnKind.Int64);

    // Members compare by content, not by list identity.
    public bool Equals(ColumnType? other) =>
        other is not null && Kind == other.Kind && Nullable == other.Nullable && Unsigned == other.Unsigned && Length == other.Length
        && Scale == other.Scale && Collation == other.Collation && Members.SequenceEqual(other.Members);

    public override int GetHashCode() => HashCode.Combine(Kind, Nullable, Unsigned, Length, Scale, Collation.Id, Members.Count);
}
