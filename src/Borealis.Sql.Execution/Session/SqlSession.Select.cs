using Borealis.Engine.Keys;
using Borealis.Engine.Locks;
using Borealis.Engine.Transactions;
using Borealis.MySql;
using Borealis.Sql.Execution.Catalog;
using Borealis.Sql.Execution.Expressions;
using Borealis.Sql.Execution.Values;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Execution;

public sealed partial class SqlSession
{
    private async ValueTask SelectAsync(SelectStatement select, SqlValue[] parameters, MySqlResultWriter results, CancellationToken cancellationToken)
    {
        if (select.Into is not null) throw SqlErrors.NotSupported("SELECT ... INTO");
        var (columns, rows) = await QueryAsync(select.Query, parameters, cancellationToken).ConfigureAwait(false);
        await EndStatementAsync(cancellationToken).ConfigureAwait(false);
        PreviousRowCount = -1;
        await ResultSet.WriteAsync(results, columns, rows, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One SELECT block over at most one table: scan, filter, group, project, order, limit.</summary>
    internal async ValueTask<(IReadOnlyList<MySqlColumn> Columns, List<SqlValue[]> Rows)> QueryAsync(Query query, SqlValue[] parameters, CancellationToken cancellationToken)
    {
        if (query.With is not null) throw SqlErrors.NotSupported("WITH (common table expressions)");
        if (query.Body is not SelectSpecification spec) throw SqlErrors.NotSupported(query.Body is SetOperation ? "UNION" : "nested query");
        if (spec.From.Count > 1) throw SqlErrors.NotSupported("joins");
        if (spec.WithRollup) throw SqlErrors.NotSupported("WITH ROLLUP");
        if (!spec.Windows.IsEmpty) throw SqlErrors.NotSupported("window functions");
        if ((spec.Options & SelectOptions.SqlCalcFoundRows) != 0) throw SqlErrors.NotSupported("SQL_CALC_FOUND_ROWS");
        var evaluator = new Evaluator(this, parameters);
        TableRuntime? table = null;
        string? alias = null;
        if (spec.From.Count == 1)
        {
            if (spec.From[0] is not TableSource source) throw SqlErrors.NotSupported(spec.From[0] is JoinedTable ? "joins" : "derived tables");
            var db = RequireDatabase(source.Name);
            if (IsSystemSchema(db)) throw SqlErrors.NotSupported(db.ToLowerInvariant() + " tables");
            table = _catalog.GetTable(db, source.Name.Name);
            alias = source.Alias;
        }
        var scope = new RowScope(table, alias);

        // Select list: * expands to the table's columns.
        var items = new List<(Expression Expression, string Name)>();
        foreach (var item in spec.Items)
        {
            if (item is AllColumnsSelectItem all)
            {
                if (table is null) throw SqlErrors.Of(MySqlErrorCode.NoTablesUsed);
                if (all.Table is not null && all.Table != (alias ?? table.Def.Name)) throw SqlErrors.Of(MySqlErrorCode.BadTableError, all.Table);
                foreach (var c in table.Def.Columns) items.Add((new ColumnReference(c.Name), c.Name));
            }
            else if (item is ExpressionSelectItem e) items.Add((e.Expression, e.Alias ?? NameOf(e.Expression)));
        }

        // Names first: 1054 does not depend on the table having rows.
        var itemNames = items.ConvertAll(i => i.Name);
        NameCheck.Check(spec.Where, scope, "where clause");
        foreach (var (expression, _) in items) NameCheck.Check(expression, scope, "field list");
        var groupBy = GroupByExpressions(spec.GroupBy, items, scope);
        foreach (var g in groupBy) NameCheck.Check(g, scope, "group statement");
        NameCheck.Check(spec.Having, scope, "having clause", itemNames);
        foreach (var o in query.OrderBy)
            if (o.Expression is not NumberLiteral) NameCheck.Check(o.Expression, scope, "order clause", itemNames);

        // Rows in: the table's (through its access path), or one empty row for SELECT without FROM.
        var input = new List<SqlValue[]>();
        if (table is null)
        {
            input.Add([]);
        }
        else
        {
            var mode = LockMode(query.Locking, out var wait);
            var trx = Transaction();
            trx.LockWaitPolicy = wait;
            evaluator.Clause = "where clause";
            await foreach (var row in RowsAsync(trx, table, spec.Where, evaluator, scope, mode, cancellationToken).ConfigureAwait(false))
                input.Add(row.Values);
        }
        if (table is null && spec.Where is not null)
        {
            scope.Row = input[0];
            if (!evaluator.IsTrue(spec.Where, scope)) input.Clear();
        }

        var grouped = !spec.GroupBy.IsEmpty || spec.Having is not null || items.Exists(i => Evaluator.ContainsAggregate(i.Expression))
            || query.OrderBy.Any(o => Evaluator.ContainsAggregate(o.Expression));
        // Each output row with what ORDER BY needs: the source row or group.
        var output = new List<(SqlValue[] Values, SqlValue[] Source, List<SqlValue[]>? Group)>();
        evaluator.Clause = "field list";
        if (grouped)
        {
            foreach (var group in Group(input, groupBy, evaluator, scope))
            {
                scope.Group = group;
                scope.Row = group.Count > 0 ? group[0] : [];
                var projected = Project(items, evaluator, scope);
                if (spec.Having is not null)
                {
                    evaluator.Clause = "having clause";
                    scope.Aliases = (itemNames, projected);
                    var keep = evaluator.IsTrue(spec.Having, scope);
                    scope.Aliases = null;
                    evaluator.Clause = "field list";
                    if (!keep) continue;
                }
                output.Add((projected, scope.Row, group));
            }
            scope.Group = null;
        }
        else
        {
            foreach (var row in input)
            {
                scope.Row = row;
                output.Add((Project(items, evaluator, scope), row, null));
            }
        }

        if ((spec.Options & SelectOptions.Distinct) != 0) output = Distinct(output);
        if (!query.OrderBy.IsEmpty) output = Order(output, query.OrderBy, items, evaluator, scope);

        var rows = new List<SqlValue[]>(output.Count);
        var (offset, count) = Limit(query.Limit, evaluator);
        for (var i = offset; i < output.Count && rows.Count < count; i++) rows.Add(output[i].Values);

        var columns = new MySqlColumn[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var (expression, name) = items[i];
            columns[i] = expression is ColumnReference c && table is not null && table.Def.FindColumn(c.Column) is var ordinal and >= 0
                ? ResultSet.ColumnOf(table, table.Def.Columns[ordinal], name) with { Table = alias ?? table.Def.Name }
                : ResultSet.ColumnOfValues(name, rows, i);
        }
        return (columns, rows);
    }

    /// <summary>GROUP BY 2 and GROUP BY alias name select items, as MySQL allows; table columns win over aliases.</summary>
    private static ValueList<Expression> GroupByExpressions(ValueList<Expression> groupBy, List<(Expression Expression, string Name)> items, RowScope scope)
    {
        var result = new List<Expression>(groupBy.Count);
        foreach (var g in groupBy)
        {
            if (g is NumberLiteral { Kind: NumberKind.Integer } n)
            {
                var position = int.Parse(n.Text, System.Globalization.CultureInfo.InvariantCulture) - 1;
                if (position < 0 || position >= items.Count) throw SqlErrors.UnknownColumn(n.Text, "group statement");
                result.Add(items[position].Expression);
            }
            else if (g is ColumnReference { Table: null } c && (scope.Table is null || scope.Table.Def.FindColumn(c.Column) < 0)
                && items.FindIndex(i => i.Name.Equals(c.Column, StringComparison.OrdinalIgnoreCase)) is var alias and >= 0)
            {
                result.Add(items[alias].Expression);
            }
            else result.Add(g);
        }
        return result.ToValueList();
    }

    internal static bool IsSystemSchema(string db) => db.ToLowerInvariant() is "information_schema" or "performance_schema" or "mysql" or "sys";

    /// <summary>The name MySQL gives an unaliased select item.</summary>
    private static string NameOf(Expression e) => e switch
    {
        ColumnReference c => c.Column,
        SystemVariable v => "@@" + (v.Scope == VariableScope.Session ? "session." : v.Scope == VariableScope.Global ? "global." : "") + v.Name,
        StringLiteral s => s.Value,
        // Closer to the typed text mysqld uses (SUM(price), not SUM(`price`)); exact text needs positions from the parser.
        _ => e.ToString().Replace("`", "", StringComparison.Ordinal),
    };

    private static ReadMode LockMode(ValueList<LockingClause> locking, out LockWaitPolicy wait)
    {
        wait = LockWaitPolicy.Block;
        if (locking.IsEmpty) return ReadMode.Snapshot;
        var clause = locking[0];
        wait = clause.Wait switch { Syntax.LockWait.NoWait => LockWaitPolicy.NoWait, Syntax.LockWait.SkipLocked => LockWaitPolicy.SkipLocked, _ => LockWaitPolicy.Block };
        return clause.Strength == LockStrength.Update ? ReadMode.LockExclusive : ReadMode.LockShared;
    }

    /// <summary>The rows matching WHERE, through the cheapest access path this slice knows.</summary>
    internal async IAsyncEnumerable<StoredRow> RowsAsync(Transaction trx, TableRuntime table, Expression? where, Evaluator evaluator, RowScope scope, ReadMode mode,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = AccessPath.Choose(table, where, evaluator, scope);
        if (path.PointKey is { } key)
        {
            var row = await TableAccess.GetAsync(_catalog.Database, trx, table, key, mode, cancellationToken).ConfigureAwait(false);
            if (row is not null && Matches(row)) yield return row;
            yield break;
        }
        if (path.SecondaryIndex >= 0)
        {
            // Index entries first (the same snapshot or locks), then each row by its primary key.
            var keys = new List<byte[]>();
            await foreach (var (indexKey, _) in trx.ScanAsync(table.Secondary[path.SecondaryIndex], path.Range, Engine.BTrees.ScanDirection.Forward, mode, cancellationToken).ConfigureAwait(false))
                keys.Add(indexKey[path.SecondaryPrefixLength..]);
            foreach (var primaryKey in keys)
            {
                var row = await TableAccess.GetAsync(_catalog.Database, trx, table, primaryKey, mode, cancellationToken).ConfigureAwait(false);
                if (row is not null && Matches(row)) yield return row;
            }
            yield break;
        }
        await foreach (var row in TableAccess.ScanAsync(_catalog.Database, trx, table, path.Range, mode, cancellationToken).ConfigureAwait(false))
            if (Matches(row)) yield return row;

        bool Matches(StoredRow row)
        {
            if (where is null) return true;
            scope.Row = row.Values;
            return evaluator.IsTrue(where, scope);
        }
    }

    private static SqlValue[] Project(List<(Expression Expression, string Name)> items, Evaluator evaluator, RowScope scope)
    {
        var values = new SqlValue[items.Count];
        for (var i = 0; i < values.Length; i++) values[i] = evaluator.Eval(items[i].Expression, scope);
        return values;
    }

    /// <summary>Groups by the GROUP BY values (strings by their collation's weights); no GROUP BY is one group, even of no rows.</summary>
    private static List<List<SqlValue[]>> Group(List<SqlValue[]> input, ValueList<Expression> groupBy, Evaluator evaluator, RowScope scope)
    {
        if (groupBy.IsEmpty) return [input];
        var groups = new Dictionary<string, List<SqlValue[]>>(StringComparer.Ordinal);
        var order = new List<List<SqlValue[]>>();
        evaluator.Clause = "group statement";
        foreach (var row in input)
        {
            scope.Row = row;
            var key = new KeyWriter();
            foreach (var e in groupBy) AppendGroupKey(key, evaluator.Eval(e, scope), Evaluator.CollationOf(e, scope));
            var text = Convert.ToBase64String(key.Written);
            if (!groups.TryGetValue(text, out var group))
            {
                groups[text] = group = [];
                order.Add(group);
            }
            group.Add(row);
        }
        evaluator.Clause = "field list";
        return order;
    }

    internal static void AppendGroupKey(KeyWriter key, SqlValue v, Collation collation)
    {
        switch (v.Kind)
        {
            case SqlKind.Null: key.AppendNull(); break;
            case SqlKind.Int: key.AppendByte(1).AppendDecimal(v.Int); break;
            case SqlKind.UInt: key.AppendByte(1).AppendDecimal(v.UInt); break;
            case SqlKind.Decimal: key.AppendByte(1).AppendDecimal(v.Decimal); break;
            case SqlKind.Double: key.AppendByte(2).AppendDouble(v.Double); break;
            case SqlKind.Bytes: key.AppendByte(3).AppendBytes(v.Bytes); break;
            case SqlKind.Temporal: key.AppendByte(4).AppendString(v.String); break;
            default: key.AppendByte(5).AppendString(v.String, collation.Id == 63 ? Collation.Utf8mb40900AiCi : collation); break;
        }
    }

    private static List<(SqlValue[] Values, SqlValue[] Source, List<SqlValue[]>? Group)> Distinct(List<(SqlValue[] Values, SqlValue[] Source, List<SqlValue[]>? Group)> rows)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<(SqlValue[], SqlValue[], List<SqlValue[]>?)>();
        foreach (var row in rows)
        {
            var key = new KeyWriter();
            foreach (var v in row.Values) AppendGroupKey(key, v, Collation.Utf8mb40900AiCi);
            if (seen.Add(Convert.ToBase64String(key.Written))) result.Add(row);
        }
        return result;
    }

    private static List<(SqlValue[] Values, SqlValue[] Source, List<SqlValue[]>? Group)> Order(List<(SqlValue[] Values, SqlValue[] Source, List<SqlValue[]>? Group)> rows,
        ValueList<OrderItem> orderBy, List<(Expression Expression, string Name)> items, Evaluator evaluator, RowScope scope)
    {
        // Sort keys per row: a position (ORDER BY 2), an alias of the select list, or an expression.
        var keys = new SqlValue[rows.Count][];
        var collations = new Collation[orderBy.Count];
        evaluator.Clause = "order clause";
        for (var k = 0; k < orderBy.Count; k++)
        {
            var e = orderBy[k].Expression;
            var position = -1;
            if (e is NumberLiteral { Kind: NumberKind.Integer } n)
            {
                position = int.Parse(n.Text, System.Globalization.CultureInfo.InvariantCulture) - 1;
                if (position < 0 || position >= items.Count) throw SqlErrors.UnknownColumn(n.Text, "order clause");
            }
            else if (e is ColumnReference { Table: null } c)
            {
                position = items.FindIndex(i => i.Name.Equals(c.Column, StringComparison.OrdinalIgnoreCase));
            }
            collations[k] = Evaluator.CollationOf(position >= 0 ? items[position].Expression : e, scope);
            if (collations[k].Id == 63) collations[k] = Collation.Utf8mb40900AiCi;
            for (var r = 0; r < rows.Count; r++)
            {
                keys[r] ??= new SqlValue[orderBy.Count];
                if (position >= 0) { keys[r][k] = rows[r].Values[position]; continue; }
                scope.Row = rows[r].Source;
                scope.Group = rows[r].Group;
                keys[r][k] = evaluator.Eval(e, scope);
            }
        }
        scope.Group = null;
        evaluator.Clause = "field list";
        var indexes = Enumerable.Range(0, rows.Count).ToArray();
        // A stable sort: equal keys keep scan order, as MySQL's filesort output is then deterministic too.
        var sorted = indexes.OrderBy(i => i, Comparer<int>.Create((a, b) =>
        {
            for (var k = 0; k < orderBy.Count; k++)
            {
                var c = Comparison.OrderCompare(keys[a][k], keys[b][k], collations[k]);
                if (c != 0) return orderBy[k].Descending ? -c : c;
            }
            return 0;
        }));
        return [.. sorted.Select(i => rows[i])];
    }

    private static (int Offset, long Count) Limit(LimitClause? limit, Evaluator evaluator)
    {
        if (limit is null) return (0, long.MaxValue);
        var scope = new RowScope(null, null);
        var count = evaluator.Eval(limit.Count, scope);
        var offset = limit.Offset is null ? SqlValue.FromInt(0) : evaluator.Eval(limit.Offset, scope);
        if (count.Kind is not (SqlKind.Int or SqlKind.UInt) || offset.Kind is not (SqlKind.Int or SqlKind.UInt) || count.ToInt64() < 0 || offset.ToInt64() < 0)
            throw SqlErrors.Of(MySqlErrorCode.WrongArguments, "LIMIT");
        return ((int)Math.Min(int.MaxValue, offset.ToInt64()), count.ToInt64());
    }
}
