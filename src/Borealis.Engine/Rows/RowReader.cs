using System.Buffers.Binary;
using Borealis.Common;

namespace Borealis.Engine.Rows;

/// <summary>
/// Reads the columns of a row written by <see cref="RowWriter"/>, each on demand in O(1),
/// without allocating: byte values are slices of the row's memory (hence a memory, not a
/// span: a <see cref="ColumnValue"/> can carry them). A column past the row's own count (added
/// after the row was written) reads as the schema's default. The header is checked once here,
/// each column's bounds when read: a corrupt row throws <see cref="InvalidDataException"/>,
/// never reads outside itself.
/// </summary>
public readonly struct RowReader
{
    private readonly RowSchema _schema;
    private readonly ReadOnlyMemory<byte> _row;
    private readonly int _fixedStart;
    private readonly int _variableStart;

    public RowReader(RowSchema schema, ReadOnlyMemory<byte> row)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _schema = schema;
        _row = row;
        var span = row.Span;
        if (span.Length < RowFormat.CountSize) throw Corrupt("shorter than its header");
        ColumnCount = BinaryPrimitives.ReadUInt16LittleEndian(span);
        if (ColumnCount > schema.Count) throw Corrupt($"{ColumnCount} columns, the schema has {schema.Count}");
        _fixedStart = schema.HeaderLength(ColumnCount);
        _variableStart = _fixedStart + schema.FixedBefore(ColumnCount);
        if (_variableStart > span.Length) throw Corrupt("shorter than its header and fixed columns");
        var variables = schema.VariableBefore(ColumnCount);
        var lastEnd = variables == 0 ? 0 : EntryEnd(span, variables - 1);
        if (_variableStart + lastEnd != span.Length) throw Corrupt($"{span.Length} bytes, its header says {_variableStart + lastEnd}");
    }

    /// <summary>Columns the row itself holds; the rest read as defaults.</summary>
    public int ColumnCount { get; }
    public RowSchema Schema => _schema;

    public bool IsNull(int column)
    {
        if (column >= ColumnCount) return _schema.DefaultOf(column).IsNull;
        return (_row.Span[RowFormat.CountSize + (column / 8)] & (1 << (column % 8))) != 0;
    }

    /// <summary>The value of a column, tagged as <see cref="ValueTag"/> describes for its kind.</summary>
    public ColumnValue GetValue(int column)
    {
        if (column >= ColumnCount) return _schema.DefaultOf(column);
        if (IsNull(column)) return ColumnValue.Null;
        var type = _schema[column];
        if (type.IsVariableLength)
        {
            var (start, end, overflow) = Variable(column);
            return overflow ? ColumnValue.FromOverflow(ReadOverflow(start, end)) : ColumnValue.FromBytes(_row[start..end]);
        }
        var slot = _row.Span.Slice(_fixedStart + _schema.FixedBefore(column), type.FixedSize);
        switch (type.Kind)
        {
            case ColumnKind.Float: return ColumnValue.FromDouble(BinaryPrimitives.ReadSingleLittleEndian(slot));
            case ColumnKind.Double: return ColumnValue.FromDouble(BinaryPrimitives.ReadDoubleLittleEndian(slot));
            case ColumnKind.Decimal: return DecimalStorage.Read(type, slot);
            case ColumnKind.Year: return ColumnValue.FromInt64(slot[0] == 0 ? 0 : slot[0] + 1900);
        }
        var raw = ReadLittleEndian(slot);
        if (type.ReadsAsUnsigned) return ColumnValue.FromUInt64(raw);
        // Sign-extend the integer kinds; packed temporals are never negative below 8 bytes.
        var shift = 64 - (8 * slot.Length);
        return ColumnValue.FromInt64(type.Kind <= ColumnKind.Int64 ? (long)(raw << shift) >> shift : (long)raw);
    }

    public long GetInt64(int column) => GetValue(column).AsInt64();
    public ulong GetUInt64(int column) => GetValue(column).AsUInt64();
    public double GetDouble(int column) => GetValue(column).AsDouble();
    public decimal GetDecimal(int column) => GetValue(column).AsDecimal();

    /// <summary>The bytes of a variable-length value kept in the row (not an overflow reference).</summary>
    public ReadOnlySpan<byte> GetBytes(int column) => GetValue(column).AsBytes().Span;

    /// <summary>True when the column's value lives in overflow pages (<see cref="OverflowChain"/>).</summary>
    public bool IsOverflow(int column) => GetValue(column).Tag == ValueTag.Overflow;

    private (int Start, int End, bool Overflow) Variable(int column)
    {
        var span = _row.Span;
        var index = _schema.VariableBefore(column);
        var start = index == 0 ? 0 : EntryEnd(span, index - 1);
        var raw = BinaryPrimitives.ReadUInt16LittleEndian(span[(RowFormat.CountSize + RowFormat.BitmapLength(ColumnCount) + (RowFormat.VariableEntrySize * index))..]);
        var end = raw & ~RowFormat.OverflowFlag;
        if (end < start || _variableStart + end > span.Length) throw Corrupt($"column {column} ends at {end}, before its start {start} or past the row");
        return (_variableStart + start, _variableStart + end, (raw & RowFormat.OverflowFlag) != 0);
    }

    private int EntryEnd(ReadOnlySpan<byte> span, int index) =>
        BinaryPrimitives.ReadUInt16LittleEndian(span[(RowFormat.CountSize + RowFormat.BitmapLength(ColumnCount) + (RowFormat.VariableEntrySize * index))..]) & ~RowFormat.OverflowFlag;

    private OverflowRef ReadOverflow(int start, int end)
    {
        if (end - start != OverflowRef.Size) throw Corrupt($"an overflow reference of {end - start} bytes");
        var span = _row.Span[start..end];
        return new OverflowRef(new PageId(BinaryPrimitives.ReadUInt64LittleEndian(span)), BinaryPrimitives.ReadInt64LittleEndian(span[8..]));
    }

    private static ulong ReadLittleEndian(ReadOnlySpan<byte> slot)
    {
        ulong value = 0;
        for (var b = slot.Length - 1; b >= 0; b--) value = (value << 8) | slot[b];
        return value;
    }

    private static InvalidDataException Corrupt(string why) => new($"corrupt row: {why}");
}
