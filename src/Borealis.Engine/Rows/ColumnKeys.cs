using System.Globalization;
using System.Numerics;
using Borealis.Engine.Keys;

namespace Borealis.Engine.Rows;

/// <summary>
/// Column values in keys and in comparisons, agreeing exactly: the key of a value sorts
/// bytewise as <see cref="Compare"/> orders the values (NULL first), so an index built with
/// <see cref="AppendColumn"/> orders rows as a comparison outside the index does.
/// </summary>
public static class ColumnKeys
{
    /// <summary>
    /// Appends <paramref name="value"/> of a column of <paramref name="type"/>: integers in their
    /// own width (TINYINT 1 byte ... BIGINT 8; MEDIUMINT as 4), FLOAT and DOUBLE as IEEE keys,
    /// DECIMAL exactly, BIT, ENUM (by index, as MySQL orders it) and SET (by mask) as unsigned
    /// 8 bytes, DATE as 4 bytes and the other temporals as 8 (packed, <see cref="Temporal"/>),
    /// YEAR as 2, character strings under the column's collation, byte strings as bytes.
    /// An overflow reference cannot be a key: read the value (or its indexed prefix) first.
    /// </summary>
    public static KeyWriter AppendColumn(this KeyWriter writer, ColumnType type, ColumnValue value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(type);
        if (value.IsNull) return writer.AppendNull();
        switch (type.Kind)
        {
            case ColumnKind.Int8: return type.Unsigned ? writer.AppendByte((byte)value.AsUInt64()) : writer.AppendSByte((sbyte)value.AsInt64());
            case ColumnKind.Int16: return type.Unsigned ? writer.AppendUInt16((ushort)value.AsUInt64()) : writer.AppendInt16((short)value.AsInt64());
            case ColumnKind.Int24 or ColumnKind.Int32: return type.Unsigned ? writer.AppendUInt32((uint)value.AsUInt64()) : writer.AppendInt32((int)value.AsInt64());
            case ColumnKind.Int64: return type.Unsigned ? writer.AppendUInt64(value.AsUInt64()) : writer.AppendInt64(value.AsInt64());
            case ColumnKind.Float: return writer.AppendSingle((float)value.AsDouble());
            case ColumnKind.Double: return writer.AppendDouble(value.AsDouble());
            case ColumnKind.Decimal:
                if (value.Tag == ValueTag.Decimal) return writer.AppendDecimal(value.AsDecimal());
                var text = value.AsBytes().Span;
                var negative = text.Length > 0 && text[0] == '-';
                if (negative) text = text[1..];
                var point = text.IndexOf((byte)'.');
                Span<byte> digits = stackalloc byte[text.Length];
                var count = 0;
                foreach (var c in text)
                    if (c != '.') digits[count++] = (byte)(c - '0');
                return writer.AppendDecimal(negative, digits[..count], point < 0 ? text.Length : point);
            case ColumnKind.Bit or ColumnKind.Enum or ColumnKind.Set: return writer.AppendUInt64(value.AsUInt64());
            case ColumnKind.Date: return writer.AppendInt32((int)value.AsInt64());
            case ColumnKind.DateTime or ColumnKind.Timestamp or ColumnKind.Time: return writer.AppendInt64(value.AsInt64());
            case ColumnKind.Year: return writer.AppendInt16((short)value.AsInt64());
            case ColumnKind.Binary or ColumnKind.VarBinary or ColumnKind.Blob: return writer.AppendBytes(Bytes(value));
            default: return writer.AppendString(Bytes(value), type.Collation);
        }
    }

    /// <summary>Orders two values of a column as their keys do: NULL first, then by value.</summary>
    public static int Compare(ColumnType type, ColumnValue a, ColumnValue b)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (a.IsNull || b.IsNull) return a.IsNull == b.IsNull ? 0 : a.IsNull ? -1 : 1;
        switch (type.Kind)
        {
            case ColumnKind.Float or ColumnKind.Double:
                // Equal when == says so (-0 = 0); the key refuses NaN, so no other case remains.
                var x = type.Kind == ColumnKind.Float ? (float)a.AsDouble() : a.AsDouble();
                var y = type.Kind == ColumnKind.Float ? (float)b.AsDouble() : b.AsDouble();
                return x == y ? 0 : x < y ? -1 : 1;
            case ColumnKind.Decimal:
                if (a.Tag == ValueTag.Decimal && b.Tag == ValueTag.Decimal) return a.AsDecimal().CompareTo(b.AsDecimal());
                var (ua, sa) = Unscaled(a);
                var (ub, sb) = Unscaled(b);
                return (ua * BigInteger.Pow(10, Math.Max(0, sb - sa))).CompareTo(ub * BigInteger.Pow(10, Math.Max(0, sa - sb)));
            case ColumnKind.Binary or ColumnKind.VarBinary or ColumnKind.Blob: return Math.Sign(Bytes(a).SequenceCompareTo(Bytes(b)));
            case ColumnKind.Char or ColumnKind.VarChar or ColumnKind.Text or ColumnKind.Json: return type.Collation.Compare(Bytes(a), Bytes(b));
        }
        if (type.ReadsAsUnsigned) return a.AsUInt64().CompareTo(b.AsUInt64());
        return a.AsInt64().CompareTo(b.AsInt64());
    }

    private static ReadOnlySpan<byte> Bytes(ColumnValue value) =>
        value.Tag == ValueTag.Overflow ? throw new ArgumentException("a value in overflow pages must be read before it is compared or indexed") : value.AsBytes().Span;

    private static (BigInteger Unscaled, int Scale) Unscaled(ColumnValue value)
    {
        var text = value.Tag == ValueTag.Decimal ? value.AsDecimal().ToString(CultureInfo.InvariantCulture) : System.Text.Encoding.ASCII.GetString(value.AsBytes().Span);
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var scale = point < 0 ? 0 : text.Length - point - 1;
        return (BigInteger.Parse(text.Replace(".", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), scale);
    }
}
