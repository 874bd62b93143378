using Borealis.Sql.Execution.Catalog;
using Borealis.Sql.Execution.Values;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Execution.Expressions;

/// <summary>
/// What column names mean while evaluating: the table's columns (by name, case-insensitive, as
/// MySQL), the current row's values, and for grouped queries the rows of the current group.
/// </summary>
internal sealed class RowScope
{
    public RowScope(TableRuntime? table, string? alias)
    {
        Table = table;
        Alias = alias ?? table?.Def.Name;
    }

    public TableRuntime? Table { get; }
    public string? Alias { get; }
    public SqlValue[] Row { get; set; } = [];
    public List<SqlValue[]>? Group { get; set; }

    /// <summary>While evaluating HAVING: the select list's names and values, which HAVING may name.</summary>
    public (List<string> Names, SqlValue[] Values)? Aliases { get; set; }

    // Resolved ordinals by syntax node: the tree is fixed for the statement, so a scan resolves
    // each name once instead of once per row.
    private readonly Dictionary<ColumnReference, int> _resolved = new(ReferenceEqualityComparer.Instance);

    public int Resolve(ColumnReference column, string clause)
    {
        if (_resolved.TryGetValue(column, out var known)) return known;
        var ordinal = ResolveByName(column, clause);
        _resolved[column] = ordinal;
        return ordinal;
    }

    private int ResolveByName(ColumnReference column, string clause)
    {
        if (Table is null) throw SqlErrors.UnknownColumn(Name(column), clause);
        if (column.Table is not null && !string.Equals(column.Table, Alias, StringComparison.Ordinal)) throw SqlErrors.UnknownColumn(Name(column), clause);
        var index = Table.Def.FindColumn(column.Column);
        return index >= 0 ? index : throw SqlErrors.UnknownColumn(Name(column), clause);
    }

    public static string Name(ColumnReference c) => c.Table is null ? c.Column : c.Table + "." + c.Column;
}
