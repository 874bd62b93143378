namespace Borealis.Engine.Rows;

/// <summary>
/// <see cref="RowSpanReader"/> over a memory, so that a byte value can come back as a
/// <see cref="ColumnValue"/> slicing the row (no copy): what a caller holding a row as a
/// byte array (a B+tree value, a write set) uses. Each call reads the row's header again — a
/// few bytes — so this struct stays a plain readonly struct that may live in fields and
/// across awaits.
/// </summary>
public readonly struct RowReader
{
    private readonly ReadOnlyMemory<byte> _row;

    /// <summary>Checks the header (see <see cref="RowSpanReader"/>).</summary>
    public RowReader(RowSchema schema, ReadOnlyMemory<byte> row)
    {
        ColumnCount = new RowSpanReader(schema, row.Span).ColumnCount;
        Schema = schema;
        _row = row;
    }

    public RowSchema Schema { get; }
    /// <summary>Columns the row itself holds; the rest read as defaults.</summary>
    public int ColumnCount { get; }
    public RowSpanReader SpanReader => new(Schema, _row.Span);

    public bool IsNull(int column) => SpanReader.IsNull(column);

    /// <summary>The value of any column, tagged as <see cref="ValueTag"/> describes for its kind.</summary>
    public ColumnValue GetValue(int column)
    {
        var span = SpanReader;
        if (column >= span.ColumnCount || span.IsNull(column) || !Schema[column].IsVariableLength) return span.GetScalar(column);
        var (start, end, overflow) = span.Locate(column);
        return overflow ? ColumnValue.FromOverflow(span.GetOverflow(column)) : ColumnValue.FromBytes(_row[start..end]);
    }

    public long GetInt64(int column) => SpanReader.GetInt64(column);
    public ulong GetUInt64(int column) => SpanReader.GetUInt64(column);
    public double GetDouble(int column) => SpanReader.GetDouble(column);
    public decimal GetDecimal(int column) => SpanReader.GetDecimal(column);
    public ReadOnlySpan<byte> GetBytes(int column) => SpanReader.GetBytes(column);
    public bool IsOverflow(int column) => SpanReader.IsOverflow(column);
    public OverflowRef GetOverflow(int column) => SpanReader.GetOverflow(column);
}
