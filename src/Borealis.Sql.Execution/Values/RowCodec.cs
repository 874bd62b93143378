using System.Globalization;
using System.Text;
using Borealis.Engine.Keys;
using Borealis.Engine.Rows;
using Borealis.MySql;
using Borealis.Sql.Execution.Catalog;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Execution.Values;

/// <summary>
/// Between evaluation values and stored column values: the assignment rules of strict mode
/// (1048 NULL into NOT NULL, 1406 too long, 1264 out of range, 1366 bad number) on the way in,
/// and the column's own type on the way out.
/// </summary>
internal static class RowCodec
{
    public static ColumnValue ToStored(ColumnDef column, ColumnType type, SqlValue value, int rowNumber)
    {
        if (value.IsNull)
        {
            if (!column.Nullable) throw SqlErrors.Of(MySqlErrorCode.BadNullError, column.Name);
            return ColumnValue.Null;
        }
        switch (column.Type)
        {
            case DataTypeName.TinyInt or DataTypeName.SmallInt or DataTypeName.MediumInt or DataTypeName.Int or DataTypeName.BigInt:
            {
                var bits = column.Type switch { DataTypeName.TinyInt => 8, DataTypeName.SmallInt => 16, DataTypeName.MediumInt => 24, DataTypeName.Int => 32, _ => 64 };
                var d = ExactNumber(column, value, rowNumber);
                d = decimal.Round(d, 0, MidpointRounding.AwayFromZero);
                if (column.Unsigned)
                {
                    var max = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
                    if (d < 0 || d > max) throw OutOfRange(column, rowNumber);
                    return ColumnValue.FromUInt64((ulong)d);
                }
                var hi = bits == 64 ? long.MaxValue : (1L << (bits - 1)) - 1;
                var lo = bits == 64 ? long.MinValue : -(1L << (bits - 1));
                if (d < lo || d > hi) throw OutOfRange(column, rowNumber);
                return ColumnValue.FromInt64((long)d);
            }
            case DataTypeName.Decimal:
            {
                var precision = column.Length ?? 10;
                var scale = column.Scale ?? 0;
                var d = decimal.Round(ExactNumber(column, value, rowNumber), scale, MidpointRounding.AwayFromZero);
                var limit = Pow10(precision - scale);
                if (Math.Abs(d) >= limit) throw OutOfRange(column, rowNumber);
                return ColumnValue.FromDecimal(d);
            }
            case DataTypeName.Double or DataTypeName.Float:
            {
                var d = value.IsText ? ParseDouble(column, value, rowNumber) : value.ToDouble();
                if (column.Type == DataTypeName.Float && Math.Abs(d) > float.MaxValue) throw OutOfRange(column, rowNumber);
                return ColumnValue.FromDouble(d);
            }
            case DataTypeName.Date or DataTypeName.DateTime or DataTypeName.Timestamp:
                return ColumnValue.FromInt64(TemporalText.Pack(column, value.ToText(), rowNumber));
            default:
                if (TypeMapping.IsString(column.Type))
                {
                    var text = value.Kind == SqlKind.Bytes ? Encoding.UTF8.GetString(value.Bytes) : value.ToText();
                    if (column.Type == DataTypeName.Char) text = text.TrimEnd(' ');
                    var length = column.Type is DataTypeName.Char or DataTypeName.VarChar ? new StringInfo(text).LengthInTextElements : Encoding.UTF8.GetByteCount(text);
                    if (length > TypeMapping.MaxLength(column)) throw SqlErrors.Of(MySqlErrorCode.DataTooLong, column.Name, rowNumber);
                    return ColumnValue.FromBytes(Encoding.UTF8.GetBytes(text));
                }
                if (TypeMapping.IsBinary(column.Type))
                {
                    var bytes = value.ToBytes();
                    if (bytes.Length > TypeMapping.MaxLength(column)) throw SqlErrors.Of(MySqlErrorCode.DataTooLong, column.Name, rowNumber);
                    if (column.Type == DataTypeName.Binary && bytes.Length < TypeMapping.MaxLength(column))
                    {
                        // BINARY(n) pads with 0x00 to n bytes, as MySQL stores it.
                        var padded = new byte[TypeMapping.MaxLength(column)];
                        bytes.CopyTo(padded, 0);
                        bytes = padded;
                    }
                    return ColumnValue.FromBytes(bytes);
                }
                throw SqlErrors.NotSupported("column type " + column.Type);
        }
    }

    public static SqlValue FromStored(ColumnDef column, ColumnValue value)
    {
        if (value.IsNull) return SqlValue.Null;
        switch (value.Tag)
        {
            case ValueTag.Int64 when TypeMapping.IsTemporal(column.Type): return SqlValue.FromTemporal(TemporalText.Format(column, value.AsInt64()));
            case ValueTag.Int64: return SqlValue.FromInt(value.AsInt64());
            case ValueTag.UInt64: return SqlValue.FromUInt(value.AsUInt64());
            case ValueTag.Double: return SqlValue.FromDouble(value.AsDouble());
            case ValueTag.Decimal: return SqlValue.FromDecimal(Expressions.Evaluator.WithScale(value.AsDecimal(), column.Scale ?? 0));
            case ValueTag.DecimalText: return SqlValue.FromDecimal(decimal.Parse(Encoding.ASCII.GetString(value.AsBytes().Span), CultureInfo.InvariantCulture));
            case ValueTag.Bytes:
                return TypeMapping.IsString(column.Type) ? SqlValue.FromString(Encoding.UTF8.GetString(value.AsBytes().Span)) : SqlValue.FromBytes(value.AsBytes().ToArray());
            default:
                throw new InvalidDataException("an overflow value reached the SQL layer unread");
        }
    }

    /// <summary>The memcomparable key of <paramref name="columns"/> of a row (stored values).</summary>
    public static void AppendKey(KeyWriter writer, TableRuntime table, int[] columns, ColumnValue[] stored)
    {
        foreach (var c in columns) writer.AppendColumn(table.Types[c], stored[c]);
    }

    private static decimal ExactNumber(ColumnDef column, SqlValue value, int rowNumber)
    {
        try
        {
            if (value.IsText)
            {
                var text = value.ToText().Trim();
                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
                throw SqlErrors.Of(MySqlErrorCode.TruncatedWrongValueForField, column.Type.ToString().ToLowerInvariant(), text, column.Name, rowNumber);
            }
            return value.ToDecimal();
        }
        catch (OverflowException) { throw OutOfRange(column, rowNumber); }
    }

    private static double ParseDouble(ColumnDef column, SqlValue value, int rowNumber)
    {
        var text = value.ToText().Trim();
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d : throw SqlErrors.Of(MySqlErrorCode.TruncatedWrongValueForField, "double", text, column.Name, rowNumber);
    }

    private static decimal Pow10(int n)
    {
        decimal r = 1;
        for (var i = 0; i < n && i < 28; i++) r *= 10;
        return r;
    }

    private static MySqlErrorException OutOfRange(ColumnDef column, int rowNumber) => SqlErrors.Of(MySqlErrorCode.WarnDataOutOfRange, column.Name, rowNumber);
}
