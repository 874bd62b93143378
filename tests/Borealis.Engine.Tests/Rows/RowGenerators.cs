using System.Collections.Immutable;
using System.Globalization;
using Borealis.Common;
using Borealis.Engine.Keys;
using Borealis.Engine.Rows;
using CsCheck;

namespace Borealis.Engine.Tests.Rows;

/// <summary>Random column types and values of those types, for the model tests.</summary>
internal static class RowGenerators
{
    private static readonly Collation[] s_collations = [Collation.Utf8mb4GeneralCi, Collation.Utf8mb4Bin, Collation.Utf8mb40900AiCi, Collation.Utf8mb40900Bin];

    public static readonly Gen<ColumnType> Type = Gen.Bool.SelectMany(nullable => Gen.OneOf(
        Gen.Select(Gen.Int[0, 4], Gen.Bool, (k, u) => ColumnType.Integer((ColumnKind)k, u, nullable)),
        Gen.Const(ColumnType.Float(nullable)),
        Gen.Const(ColumnType.Double(nullable)),
        Gen.Int[1, 65].SelectMany(p => Gen.Int[0, Math.Min(30, p)].Select(s => ColumnType.Decimal(p, s, nullable))),
        Gen.Int[1, 64].Select(b => ColumnType.Bit(b, nullable)),
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, s_collations.Length - 1], (k, c) =>
            ColumnType.String(k switch { 0 => ColumnKind.Char, 1 => ColumnKind.VarChar, 2 => ColumnKind.Text, _ => ColumnKind.Json }, 65535, s_collations[c], nullable)),
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, 300], (k, n) => ColumnType.Bytes(k switch { 0 => ColumnKind.Binary, 1 => ColumnKind.VarBinary, _ => ColumnKind.Blob }, n, nullable)),
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, 6], (k, fsp) =>
            k switch
            {
                0 => ColumnType.Temporal(ColumnKind.Date, 0, nullable),
                1 => ColumnType.Temporal(ColumnKind.DateTime, fsp, nullable),
                2 => ColumnType.Temporal(ColumnKind.Timestamp, fsp, nullable),
                3 => ColumnType.Temporal(ColumnKind.Time, fsp, nullable),
                _ => ColumnType.Temporal(ColumnKind.Year, 0, nullable),
            }),
        Gen.Int[0, 300].Select(n => ColumnType.Enum(Enumerable.Range(0, n).Select(i => "m" + i).ToArray(), nullable)),
        Gen.Int[0, 64].Select(n => ColumnType.Set(Enumerable.Range(0, n).Select(i => "m" + i).ToArray(), nullable))));

    public static Gen<ColumnValue> Value(ColumnType type)
    {
        var value = NonNull(type);
        return type.Nullable ? Gen.Frequency((1, Gen.Const(ColumnValue.Null)), (4, value)) : value;
    }

    private static Gen<ColumnValue> NonNull(ColumnType type)
    {
        switch (type.Kind)
        {
            case <= ColumnKind.Int64:
                var bits = 8 * type.FixedSize;
                if (type.Unsigned) return Gen.ULong.Select(u => ColumnValue.FromUInt64(bits == 64 ? u : u & ((1UL << bits) - 1)));
                return Gen.Long.Select(l => ColumnValue.FromInt64(bits == 64 ? l : l >> (64 - bits)));
            case ColumnKind.Float: return Gen.Float.Where(f => !float.IsNaN(f)).Select(f => ColumnValue.FromDouble(f));
            case ColumnKind.Double: return Gen.Double.Where(d => !double.IsNaN(d)).Select(ColumnValue.FromDouble);
            case ColumnKind.Decimal:
                var p = (int)type.Length;
                return Gen.Select(Gen.Bool, Gen.Char["0123456789"].Array[p], (negative, digits) =>
                {
                    var whole = new string(digits, 0, p - type.Scale);
                    var text = (negative ? "-" : "") + (whole.Length == 0 ? "0" : whole) + (type.Scale > 0 ? "." + new string(digits, p - type.Scale, type.Scale) : "");
                    return p <= 28 ? ColumnValue.FromDecimal(decimal.Parse(text, CultureInfo.InvariantCulture)) : ColumnValue.FromDecimalText(System.Text.Encoding.ASCII.GetBytes(text));
                });
            case ColumnKind.Bit: return Gen.ULong.Select(u => ColumnValue.FromUInt64(type.Length == 64 ? u : u & ((1UL << (int)type.Length) - 1)));
            case ColumnKind.Enum: return Gen.Int[0, type.Members.Count].Select(i => ColumnValue.FromUInt64((ulong)i));
            case ColumnKind.Set: return Gen.ULong.Select(u => ColumnValue.FromUInt64(type.Members.Count == 64 ? u : u & ((1UL << type.Members.Count) - 1)));
            case ColumnKind.Date: return Gen.Select(Gen.Int[0, 9999], Gen.Int[0, 12], Gen.Int[0, 31], (y, m, d) => ColumnValue.FromInt64(Temporal.PackDate(y, m, d)));
            case ColumnKind.DateTime:
                return Gen.Select(Gen.Int[0, 9999], Gen.Int[0, 12], Gen.Int[0, 31], Gen.Int[0, 86399], Gen.Int[0, 999_999], (y, m, d, s, us) =>
                    ColumnValue.FromInt64(Temporal.PackDateTime(y, m, d, s / 3600, s / 60 % 60, s % 60, us)));
            case ColumnKind.Timestamp: return Gen.Long[0, 253402300799_999_999].Select(ColumnValue.FromInt64);
            case ColumnKind.Time: return Gen.Long[-3020399_999_999, 3020399_999_999].Select(ColumnValue.FromInt64);
            case ColumnKind.Year: return Gen.OneOf(Gen.Const(0L), Gen.Long[1901, 2155]).Select(ColumnValue.FromInt64);
            default:
                var max = (int)Math.Min(type.Length, 60);
                return Gen.Frequency(
                    (8, Gen.Byte.Array[0, max].Select(b => ColumnValue.FromBytes(b))),
                    (1, Gen.Select(Gen.ULong[1, ulong.MaxValue], Gen.Long[0, long.MaxValue], (page, length) => ColumnValue.FromOverflow(new OverflowRef(new PageId(page), length)))));
        }
    }

    public static Gen<ColumnValue[]> Values(IReadOnlyList<ColumnType> types)
    {
        var row = Gen.Const(ImmutableList<ColumnValue>.Empty);
        foreach (var type in types)
        {
            var value = Value(type);
            row = row.SelectMany(r => value.Select(r.Add));
        }
        return row.Select(r => r.ToArray());
    }

    /// <summary>A schema and a row of it.</summary>
    public static readonly Gen<(ColumnType[] Types, ColumnValue[] Values)> SchemaAndRow =
        Type.Array[0, 40].SelectMany(types => Values(types).Select(values => (types, values)));

    /// <summary>Whether a value read back is the value written (decimals by numeric value, whatever their form).</summary>
    public static bool Same(ColumnValue written, ColumnValue read)
    {
        if (written.Tag is ValueTag.Decimal or ValueTag.DecimalText && read.Tag is ValueTag.Decimal or ValueTag.DecimalText)
            return DecimalText(written) == DecimalText(read);
        return written == read;
    }

    private static string DecimalText(ColumnValue value)
    {
        var text = value.Tag == ValueTag.Decimal ? value.AsDecimal().ToString(CultureInfo.InvariantCulture) : System.Text.Encoding.ASCII.GetString(value.AsBytes().Span);
        var negative = text.StartsWith('-');
        text = text.TrimStart('-');
        if (text.Contains('.')) text = text.TrimEnd('0').TrimEnd('.');
        text = text.TrimStart('0');
        return text.Length == 0 ? "0" : (negative ? "-" : "") + text;
    }
}
