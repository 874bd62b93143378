namespace Borealis.Engine.Rows;

/// <summary>
/// The columns of a row, in order, with what a row written before a column existed reads for
/// it (its default: ADD COLUMN appends a column without rewriting rows). Precomputes where
/// each column sits, so reaching column i of a row is O(1). Immutable; share one per table version.
/// </summary>
public sealed class RowSchema
{
    private readonly ColumnType[] _types;
    private readonly ColumnValue[] _defaults;
    // Per column and one past the end: fixed bytes and variable-length columns before it.
    private readonly int[] _fixedBefore;
    private readonly int[] _variableBefore;

    /// <summary>Most columns a row may have (MySQL's limit for InnoDB is 1017; the format allows 4096).</summary>
    public const int MaxColumns = 4096;

    public RowSchema(IReadOnlyList<ColumnType> columns, IReadOnlyList<ColumnValue>? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(columns.Count, MaxColumns);
        if (defaults is not null && defaults.Count != columns.Count)
            throw new ArgumentException($"{defaults.Count} defaults for {columns.Count} columns", nameof(defaults));
        _types = [.. columns];
        _defaults = defaults is null ? new ColumnValue[columns.Count] : [.. defaults];
        _fixedBefore = new int[_types.Length + 1];
        _variableBefore = new int[_types.Length + 1];
        for (var i = 0; i < _types.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(_types[i]);
            _fixedBefore[i + 1] = _fixedBefore[i] + _types[i].FixedSize;
            _variableBefore[i + 1] = _variableBefore[i] + (_types[i].IsVariableLength ? 1 : 0);
        }
    }

    public int Count => _types.Length;
    public ColumnType this[int column] => _types[column];
    public ColumnValue DefaultOf(int column) => _defaults[column];
    public IReadOnlyList<ColumnType> Columns => _types;

    /// <summary>This schema with one more column at the end, which older rows read as <paramref name="default"/>.</summary>
    public RowSchema AddColumn(ColumnType type, ColumnValue @default = default) => new([.. _types, type], [.. _defaults, @default]);

    internal int FixedBefore(int column) => _fixedBefore[column];
    internal int VariableBefore(int column) => _variableBefore[column];

    /// <summary>Bytes before the fixed area of a row that holds the first <paramref name="count"/> columns.</summary>
    internal int HeaderLength(int count) => RowFormat.CountSize + RowFormat.BitmapLength(count) + (RowFormat.VariableEntrySize * _variableBefore[count]);
}
