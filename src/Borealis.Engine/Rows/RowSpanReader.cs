using System.Buffers.Binary;
using Borealis.Common;

namespace Borealis.Engine.Rows;

/// <summary>
/// Reads the columns of a row written by <see cref="RowWriter"/> straight from a span (a
/// pinned page, a pooled buffer), each on demand in O(1), without allocating. Byte values come
/// back as spans; for <see cref="ColumnValue"/>s that carry their bytes, use
/// <see cref="RowReader"/>, which wraps this over a memory. A column past the row's own count
/// (added after the row was written) reads as the schema's default. The header is checked
/// here, each column's bounds when it is read: a corrupt row throws
/// <see cref="InvalidDataException"/>, never reads outside itself.
/// </summary>
public readonly ref struct RowSpanReader
{
    private readonly RowSchema _schema;
    private readonly ReadOnlySpan<byte> _row;
    private readonly int _entriesStart;
    private readonly int _fixedStart;
    private readonly int _variableStart;

    public RowSpanReader(RowSchema schema, ReadOnlySpan<byte> row)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _schema = schema;
        _row = row;
        if (row.Length < RowFormat.CountSize) throw Corrupt("shorter than its header");
        ColumnCount = BinaryPrimitives.ReadUInt16LittleEndian(row);
        if (ColumnCount > schema.Count) throw Corrupt($"{ColumnCount} columns, the schema has {schema.Count} (read rows with their table's newest schema)");
        _entriesStart = RowFormat.CountSize + RowFormat.BitmapLength(ColumnCount);
        _fixedStart = schema.HeaderLength(ColumnCount);
        _variableStart = _fixedStart + schema.FixedBefore(ColumnCount);
        if (_variableStart > row.Length) throw Corrupt("shorter than its header and fixed columns");
        var variables = schema.VariableBefore(ColumnCount);
        var lastEnd = variables == 0 ? 0 : EntryEnd(variables - 1);
        if (_variableStart + lastEnd != row.Length) throw Corrupt($"{row.Length} bytes, its header says {_variableStart + lastEnd}");
    }

    /// <summary>Columns the row itself holds; the rest read as defaults.</summary>
    public int ColumnCount { get; }
    public RowSchema Schema => _schema;

    public bool IsNull(int column)
    {
        if (column >= ColumnCount) return _schema.DefaultOf(column).IsNull;
        return (_row[RowFormat.CountSize + (column / 8)] & (1 << (column % 8))) != 0;
    }

    /// <summary>
    /// The value of a fixed-size column (or NULL, or the default past the row's count), tagged
    /// as <see cref="ValueTag"/> describes for its kind. Variable-length columns: <see cref="GetBytes"/>.
    /// </summary>
    public ColumnValue GetScalar(int column)
    {
        if (column >= ColumnCount) return _schema.DefaultOf(column);
        if (IsNull(column)) return ColumnValue.Null;
        var type = _schema[column];
        if (type.IsVariableLength) throw new InvalidOperationException($"column {column} ({type.Kind}) has variable length: read it with GetBytes or GetOverflow");
        var slot = _row.Slice(_fixedStart + _schema.FixedBefore(column), type.FixedSize);
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

    public long GetInt64(int column) => GetScalar(column).AsInt64();
    public ulong GetUInt64(int column) => GetScalar(column).AsUInt64();
    public double GetDouble(int column) => GetScalar(column).AsDouble();
    public decimal GetDecimal(int column) => GetScalar(column).AsDecimal();

    /// <summary>The bytes of a variable-length value kept in the row (empty for NULL; not for overflow references).</summary>
    public ReadOnlySpan<byte> GetBytes(int column)
    {
        if (column >= ColumnCount || IsNull(column)) return Default(column).IsNull ? default : Default(column).AsBytes().Span;
        var (start, end, overflow) = Locate(column);
        if (overflow) throw new InvalidOperationException($"column {column} lives in overflow pages: read it with GetOverflow and OverflowChain");
        return _row[start..end];
    }

    /// <summary>True when the column's value lives in overflow pages (<see cref="OverflowChain"/>).</summary>
    public bool IsOverflow(int column)
    {
        if (column >= ColumnCount) return _schema.DefaultOf(column).Tag == ValueTag.Overflow;
        return !IsNull(column) && _schema[column].IsVariableLength && Locate(column).Overflow;
    }

    public OverflowRef GetOverflow(int column)
    {
        if (column >= ColumnCount) return _schema.DefaultOf(column).AsOverflow();
        var (start, end, overflow) = Locate(column);
        if (!overflow) throw new InvalidOperationException($"column {column} is kept in the row");
        if (end - start != OverflowRef.Size) throw Corrupt($"an overflow reference of {end - start} bytes");
        var span = _row[start..end];
        return new OverflowRef(new PageId(BinaryPrimitives.ReadUInt64LittleEndian(span)), BinaryPrimitives.ReadInt64LittleEndian(span[8..]));
    }

    /// <summary>Where a variable-length column's bytes are in the row (absolute offsets), and whether they are a reference.</summary>
    internal (int Start, int End, bool Overflow) Locate(int column)
    {
        var type = _schema[column];
        if (!type.IsVariableLength) throw new InvalidOperationException($"column {column} ({type.Kind}) has a fixed size: read it with GetScalar");
        var index = _schema.VariableBefore(column);
        var start = index == 0 ? 0 : EntryEnd(index - 1);
        var raw = BinaryPrimitives.ReadUInt16LittleEndian(_row[(_entriesStart + (RowFormat.VariableEntrySize * index))..]);
        var end = raw & ~RowFormat.OverflowFlag;
        if (end < start || _variableStart + end > _row.Length) throw Corrupt($"column {column} ends at {end}, before its start {start} or past the row");
        return (_variableStart + start, _variableStart + end, (raw & RowFormat.OverflowFlag) != 0);
    }

    private ColumnValue Default(int column) => column >= ColumnCount ? _schema.DefaultOf(column) : ColumnValue.Null;

    private int EntryEnd(int index) =>
        BinaryPrimitives.ReadUInt16LittleEndian(_row[(_entriesStart + (RowFormat.VariableEntrySize * index))..]) & ~RowFormat.OverflowFlag;

    private static ulong ReadLittleEndian(ReadOnlySpan<byte> slot)
    {
        ulong value = 0;
        for (var b = slot.Length - 1; b >= 0; b--) value = (value << 8) | slot[b];
        return value;
    }

    private static InvalidDataException Corrupt(string why) => new($"corrupt row: {why}");
}
