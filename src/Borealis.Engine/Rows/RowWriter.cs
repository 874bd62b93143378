using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Borealis.Engine.Rows;

/// <summary>
/// Encodes one row in the format of <see cref="RowFormat"/>, every column of the schema, without
/// allocating. Values must match their column (<see cref="ValueTag"/> says which tag each kind
/// takes); a byte value may be an <see cref="ValueTag.Overflow"/> reference written earlier by
/// <see cref="OverflowChain"/> (<see cref="RowOverflow.SpillAsync"/> decides which).
/// </summary>
public static class RowWriter
{
    /// <summary>Bytes <see cref="Write(RowSchema, ReadOnlySpan{ColumnValue}, Span{byte})"/> will take.</summary>
    public static int MeasureLength(RowSchema schema, ReadOnlySpan<ColumnValue> values)
    {
        ArgumentNullException.ThrowIfNull(schema);
        CheckCount(schema, values);
        return schema.HeaderLength(values.Length) + schema.FixedBefore(values.Length) + VariableLength(schema, values);
    }

    public static int Write(RowSchema schema, ReadOnlySpan<ColumnValue> values, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var length = MeasureLength(schema, values);
        var written = Write(schema, values, output.GetSpan(length));
        output.Advance(written);
        return written;
    }

    public static byte[] ToArray(RowSchema schema, ReadOnlySpan<ColumnValue> values)
    {
        var row = new byte[MeasureLength(schema, values)];
        Write(schema, values, row);
        return row;
    }

    /// <summary>Writes the row at the start of <paramref name="destination"/>; returns its length.</summary>
    public static int Write(RowSchema schema, ReadOnlySpan<ColumnValue> values, Span<byte> destination)
    {
        var length = MeasureLength(schema, values);
        if (destination.Length < length) throw new ArgumentException($"the row takes {length} bytes, the destination has {destination.Length}", nameof(destination));
        var n = values.Length;
        var row = destination[..length];
        BinaryPrimitives.WriteUInt16LittleEndian(row, (ushort)n);
        var bitmap = row.Slice(RowFormat.CountSize, RowFormat.BitmapLength(n));
        bitmap.Clear();
        var entries = row[(RowFormat.CountSize + bitmap.Length)..];
        var fixedArea = row.Slice(schema.HeaderLength(n), schema.FixedBefore(n));
        var variableArea = row[(schema.HeaderLength(n) + fixedArea.Length)..];
        var end = 0;
        for (var i = 0; i < n; i++)
        {
            var type = schema[i];
            var value = values[i];
            if (value.IsNull)
            {
                if (!type.Nullable) ThrowNotNullable(i);
                bitmap[i / 8] |= (byte)(1 << (i % 8));
            }
            if (type.IsVariableLength)
            {
                var flag = (ushort)0;
                if (value.Tag == ValueTag.Bytes)
                {
                    value.AsBytes().Span.CopyTo(variableArea[end..]);
                    end += value.AsBytes().Length;
                }
                else if (value.Tag == ValueTag.Overflow)
                {
                    var chain = value.AsOverflow();
                    BinaryPrimitives.WriteUInt64LittleEndian(variableArea[end..], chain.First.Value);
                    BinaryPrimitives.WriteInt64LittleEndian(variableArea[(end + 8)..], chain.Length);
                    end += OverflowRef.Size;
                    flag = RowFormat.OverflowFlag;
                }
                BinaryPrimitives.WriteUInt16LittleEndian(entries[(RowFormat.VariableEntrySize * schema.VariableBefore(i))..], (ushort)(end | flag));
            }
            else
            {
                var slot = fixedArea.Slice(schema.FixedBefore(i), type.FixedSize);
                if (value.IsNull) slot.Clear();
                else WriteFixed(type, value, slot, i);
            }
        }
        return length;
    }

    private static int VariableLength(RowSchema schema, ReadOnlySpan<ColumnValue> values)
    {
        var total = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var type = schema[i];
            if (!type.IsVariableLength) continue;
            var value = values[i];
            switch (value.Tag)
            {
                case ValueTag.Null: break;
                case ValueTag.Bytes:
                    var bytes = value.AsBytes().Length;
                    if (bytes > type.Length && type.Kind is ColumnKind.Binary or ColumnKind.VarBinary or ColumnKind.Blob or ColumnKind.Text)
                        throw new ArgumentException($"column {i} holds at most {type.Length} bytes, the value has {bytes}");
                    total += bytes;
                    break;
                case ValueTag.Overflow: total += OverflowRef.Size; break;
                default: throw WrongValue(i, type, value);
            }
        }
        if (total > RowFormat.MaxVariableBytes)
            throw new ArgumentException($"the row's variable-length values take {total} bytes, more than {RowFormat.MaxVariableBytes}: move the longest to overflow pages (RowOverflow.SpillAsync)");
        return total;
    }

    private static void WriteFixed(ColumnType type, ColumnValue value, Span<byte> slot, int column)
    {
        switch (type.Kind)
        {
            case ColumnKind.Int8 or ColumnKind.Int16 or ColumnKind.Int24 or ColumnKind.Int32 or ColumnKind.Int64:
                if (type.Unsigned)
                {
                    var u = value.Tag == ValueTag.UInt64 ? value.AsUInt64() : throw WrongValue(column, type, value);
                    if (slot.Length < 8 && u >> (8 * slot.Length) != 0) throw OutOfRange(column, type, value);
                    WriteLittleEndian(slot, u);
                }
                else
                {
                    var s = value.Tag == ValueTag.Int64 ? value.AsInt64() : throw WrongValue(column, type, value);
                    var bits = 8 * slot.Length;
                    if (bits < 64 && (s < -(1L << (bits - 1)) || s >= 1L << (bits - 1))) throw OutOfRange(column, type, value);
                    WriteLittleEndian(slot, (ulong)s);
                }
                break;
            case ColumnKind.Float:
                BinaryPrimitives.WriteSingleLittleEndian(slot, value.Tag == ValueTag.Double ? (float)value.AsDouble() : throw WrongValue(column, type, value));
                break;
            case ColumnKind.Double:
                BinaryPrimitives.WriteDoubleLittleEndian(slot, value.Tag == ValueTag.Double ? value.AsDouble() : throw WrongValue(column, type, value));
                break;
            case ColumnKind.Decimal:
                DecimalStorage.Write(type, value, slot);
                break;
            case ColumnKind.Bit or ColumnKind.Enum or ColumnKind.Set:
                var mask = value.Tag == ValueTag.UInt64 ? value.AsUInt64() : throw WrongValue(column, type, value);
                var limit = type.Kind switch { ColumnKind.Bit => (int)type.Length, ColumnKind.Set => type.Members.Count, _ => 64 };
                if ((limit < 64 && mask >> limit != 0) || (type.Kind == ColumnKind.Enum && mask > (ulong)type.Members.Count)) throw OutOfRange(column, type, value);
                WriteLittleEndian(slot, mask);
                break;
            case ColumnKind.Year:
                var year = value.Tag == ValueTag.Int64 ? value.AsInt64() : throw WrongValue(column, type, value);
                if (year != 0 && year is < 1901 or > 2155) throw OutOfRange(column, type, value);
                slot[0] = year == 0 ? (byte)0 : (byte)(year - 1900);
                break;
            default: // Date, DateTime, Timestamp, Time: packed integers
                var packed = value.Tag == ValueTag.Int64 ? value.AsInt64() : throw WrongValue(column, type, value);
                if (slot.Length < 8 && (packed < 0 || packed >> (8 * slot.Length) != 0)) throw OutOfRange(column, type, value);
                WriteLittleEndian(slot, (ulong)packed);
                break;
        }
    }

    private static void WriteLittleEndian(Span<byte> slot, ulong value)
    {
        for (var b = 0; b < slot.Length; b++) slot[b] = (byte)(value >> (8 * b));
    }

    private static void CheckCount(RowSchema schema, ReadOnlySpan<ColumnValue> values)
    {
        if (values.Length != schema.Count) throw new ArgumentException($"{values.Length} values for {schema.Count} columns", nameof(values));
    }

    private static ArgumentException WrongValue(int column, ColumnType type, ColumnValue value) => new($"column {column} ({type.Kind}) cannot hold a {value.Tag} value");
    private static ArgumentException OutOfRange(int column, ColumnType type, ColumnValue value) => new($"{value} is out of range for column {column} ({type.Kind})");

    [DoesNotReturn]
    private static void ThrowNotNullable(int column) => throw new ArgumentException($"column {column} is NOT NULL");
}
