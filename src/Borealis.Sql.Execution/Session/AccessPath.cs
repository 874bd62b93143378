using Borealis.Engine.BTrees;
using Borealis.Engine.Keys;
using Borealis.Engine.Rows;
using Borealis.MySql;
using Borealis.Sql.Execution.Catalog;
using Borealis.Sql.Execution.Expressions;
using Borealis.Sql.Execution.Values;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Execution;

/// <summary>
/// How to reach the rows a WHERE asks for: a point lookup when it pins every primary key
/// column with '=', a range on the primary key when it bounds the first key column, else a
/// full scan. The range is only ever a superset: WHERE is still evaluated on every row, so a
/// constant that does not convert exactly to the column's type simply widens the range.
/// </summary>
internal sealed record AccessPath(byte[]? PointKey, KeyRange Range, int SecondaryIndex = -1, int SecondaryPrefixLength = 0)
{
    public static AccessPath FullScan { get; } = new(null, KeyRange.All);

    /// <summary>
    /// A secondary index whose leading columns are all pinned by '=': scan its entries with that
    /// prefix (key = index columns + primary key) and fetch each row by the primary key after it.
    /// </summary>
    private static AccessPath? Secondary(TableRuntime table, Dictionary<int, ColumnValue> pinned)
    {
        AccessPath? best = null;
        var bestColumns = 0;
        for (var i = 0; i < table.Def.Indexes.Length; i++)
        {
            var columns = table.Def.Indexes[i].Columns;
            var n = 0;
            while (n < columns.Length && pinned.ContainsKey(columns[n])) n++;
            if (n == 0 || n <= bestColumns) continue;
            var writer = new KeyWriter();
            for (var c = 0; c < n; c++) writer.AppendColumn(table.Types[columns[c]], pinned[columns[c]]);
            var prefix = writer.ToArray();
            // The primary key starts right after the index columns only when all of them are pinned.
            best = new AccessPath(null, KeyRange.Prefix(prefix), i, n == columns.Length ? prefix.Length : -1);
            bestColumns = n;
        }
        return best;
    }

    public static AccessPath Choose(TableRuntime table, Expression? where, Evaluator evaluator, RowScope scope)
    {
        if (where is null) return FullScan;
        var conjuncts = new List<Expression>();
        Flatten(where, conjuncts);
        var pinned = new Dictionary<int, ColumnValue>();
        foreach (var c in conjuncts)
        {
            if (c is not BinaryExpression { Operator: BinaryOperator.Equal } eq) continue;
            var (column, constant) = eq.Left is ColumnReference l && IsConstant(eq.Right) ? (l, eq.Right) : eq.Right is ColumnReference r && IsConstant(eq.Left) ? (r, eq.Left) : (null, null);
            if (column is null) continue;
            int ordinal;
            try { ordinal = scope.Resolve(column, "where clause"); }
            catch (MySqlErrorException) { continue; }
            if (Exact(table, ordinal, evaluator.Eval(constant!, scope)) is { } value) pinned[ordinal] = value;
        }
        var primary = table.HasHiddenKey ? FullScan : Primary(table, conjuncts, evaluator, scope);
        if (primary != FullScan) return primary;
        return Secondary(table, pinned) is { SecondaryPrefixLength: >= 0 } secondary ? secondary : FullScan;
    }

    private static AccessPath Primary(TableRuntime table, List<Expression> conjuncts, Evaluator evaluator, RowScope scope)
    {
        var pk = table.Def.PrimaryKey;
        var equal = new ColumnValue?[pk.Length];
        ColumnValue? low = null, high = null;
        bool lowInclusive = true, highInclusive = true;
        foreach (var c in conjuncts)
        {
            switch (c)
            {
                case BinaryExpression { Operator: BinaryOperator.Equal or BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual } b:
                {
                    var (column, constant, op) = b.Left is ColumnReference l && IsConstant(b.Right) ? (l, b.Right, b.Operator)
                        : b.Right is ColumnReference r && IsConstant(b.Left) ? (r, b.Left, Mirror(b.Operator)) : (null, null, b.Operator);
                    if (column is null) continue;
                    var ordinal = KeyPosition(table, column, scope);
                    if (ordinal < 0) continue;
                    if (Exact(table, pk[ordinal], evaluator.Eval(constant!, scope)) is not { } value) continue;
                    if (op == BinaryOperator.Equal) equal[ordinal] = value;
                    else if (ordinal == 0 && op is BinaryOperator.Greater or BinaryOperator.GreaterOrEqual) { low = value; lowInclusive = op == BinaryOperator.GreaterOrEqual; }
                    else if (ordinal == 0) { high = value; highInclusive = op == BinaryOperator.LessOrEqual; }
                    break;
                }
                case BetweenExpression { Negated: false, Operand: ColumnReference column } between when IsConstant(between.Low) && IsConstant(between.High):
                {
                    if (KeyPosition(table, column, scope) != 0) continue;
                    if (Exact(table, pk[0], evaluator.Eval(between.Low, scope)) is { } lo) { low = lo; lowInclusive = true; }
                    if (Exact(table, pk[0], evaluator.Eval(between.High, scope)) is { } hi) { high = hi; highInclusive = true; }
                    break;
                }
            }
        }
        if (Array.TrueForAll(equal, e => e is not null))
        {
            var writer = new KeyWriter();
            for (var i = 0; i < pk.Length; i++) writer.AppendColumn(table.Types[pk[i]], equal[i]!.Value);
            return new AccessPath(writer.ToArray(), KeyRange.All);
        }
        if (equal[0] is { } first)
        {
            // Leading key columns pinned: every key that starts with them.
            var writer = new KeyWriter();
            for (var i = 0; i < pk.Length && equal[i] is { } v; i++) writer.AppendColumn(table.Types[pk[i]], v);
            return new AccessPath(null, KeyRange.Prefix(writer.ToArray()));
        }
        if (low is null && high is null) return FullScan;
        var type = table.Types[pk[0]];
        var single = pk.Length == 1;
        KeyBound? lowBound = null, highBound = null;
        if (low is { } lv)
        {
            var key = new KeyWriter().AppendColumn(type, lv).ToArray();
            lowBound = single && !lowInclusive ? KeyBound.Above(key) : KeyBound.AtOrAbove(key);
        }
        if (high is { } hv)
        {
            var key = new KeyWriter().AppendColumn(type, hv).ToArray();
            highBound = single ? (highInclusive ? KeyBound.AtOrBelow(key) : KeyBound.Below(key))
                : highInclusive ? KeyRange.Prefix(key).High : KeyBound.Below(key);
        }
        return new AccessPath(null, new KeyRange(lowBound, highBound));
    }

    private static void Flatten(Expression e, List<Expression> into)
    {
        if (e is BinaryExpression { Operator: BinaryOperator.And } and)
        {
            Flatten(and.Left, into);
            Flatten(and.Right, into);
        }
        else into.Add(e);
    }

    private static bool IsConstant(Expression e) => e is NumberLiteral or StringLiteral or Placeholder or TemporalLiteral
        || e is UnaryExpression { Operator: UnaryOperator.Negate, Operand: NumberLiteral or Placeholder };

    private static BinaryOperator Mirror(BinaryOperator op) => op switch
    {
        BinaryOperator.Less => BinaryOperator.Greater,
        BinaryOperator.LessOrEqual => BinaryOperator.GreaterOrEqual,
        BinaryOperator.Greater => BinaryOperator.Less,
        BinaryOperator.GreaterOrEqual => BinaryOperator.LessOrEqual,
        _ => op,
    };

    private static int KeyPosition(TableRuntime table, ColumnReference column, RowScope scope)
    {
        int ordinal;
        try { ordinal = scope.Resolve(column, "where clause"); }
        catch (MySqlErrorException) { return -1; }
        return Array.IndexOf(table.Def.PrimaryKey, ordinal);
    }

    /// <summary>The constant as the key column stores it, only when that is the same value (else no bound).</summary>
    private static ColumnValue? Exact(TableRuntime table, int column, SqlValue value)
    {
        if (value.IsNull) return null;
        var def = table.Def.Columns[column];
        // A string compared with a number compares as doubles; a number with a string column as strings: no key access.
        if (value.IsText != (TypeMapping.IsString(def.Type) || TypeMapping.IsBinary(def.Type) || TypeMapping.IsTemporal(def.Type))) return null;
        try
        {
            var stored = RowCodec.ToStored(def with { Nullable = true }, table.Types[column], value, 1);
            var back = RowCodec.FromStored(def, stored);
            // Equal under the column's collation means an equal key (the engine's keys agree with Compare).
            return Comparison.Compare(back, value, table.Types[column].Collation) == 0 ? stored : null;
        }
        catch (MySqlErrorException) { return null; }
    }
}
