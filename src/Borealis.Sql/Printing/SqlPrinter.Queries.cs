using Borealis.Sql.Syntax;

namespace Borealis.Sql.Printing;

/// <summary>Query expressions and FROM lists.</summary>
public sealed partial class SqlPrinter
{
    private void Query(Query query)
    {
        if (query.With is { } with)
        {
            Write(with.Recursive ? "WITH RECURSIVE " : "WITH ");
            List(with.Tables, cte =>
            {
                Identifier(cte.Name);
                if (!cte.Columns.IsEmpty) Write(" (").IdentifierList(cte.Columns).Write(')');
                Write(" AS ");
                Subquery(cte.Query);
            });
            Write(' ');
        }
        QueryBody(query.Body);
        if (!query.OrderBy.IsEmpty)
        {
            Write(" ORDER BY ");
            List(query.OrderBy, OrderItem);
        }
        if (query.Limit is not null) Limit(query.Limit);
        foreach (var locking in query.Locking) Locking(locking);
    }

    private void Limit(LimitClause limit)
    {
        Write(" LIMIT ");
        // Placeholders are numbered in text order, so LIMIT ?, ? must keep the offset first.
        if (limit is { Offset: Placeholder offset, Count: Placeholder count } && offset.Index < count.Index)
        {
            Expr(limit.Offset, PrimaryLevel);
            Write(", ");
            Expr(limit.Count, PrimaryLevel);
            return;
        }
        Expr(limit.Count, PrimaryLevel);
        if (limit.Offset is not null)
        {
            Write(" OFFSET ");
            Expr(limit.Offset, PrimaryLevel);
        }
    }

    private void Locking(LockingClause locking)
    {
        if (locking.Strength == LockStrength.ShareMode)
        {
            Write(" LOCK IN SHARE MODE");
            return;
        }
        Write(locking.Strength == LockStrength.Update ? " FOR UPDATE" : " FOR SHARE");
        if (!locking.Of.IsEmpty)
        {
            Write(" OF ");
            List(locking.Of, name => Name(name));
        }
        if (locking.Wait == LockWait.NoWait) Write(" NOWAIT");
        else if (locking.Wait == LockWait.SkipLocked) Write(" SKIP LOCKED");
    }

    private void QueryBody(QueryBody body)
    {
        switch (body)
        {
            case SelectSpecification select: Select(select); break;
            case SetOperation set:
                QueryBody(set.Left);
                Write(set.Operator switch { SetOperator.Union => " UNION ", SetOperator.Except => " EXCEPT ", _ => " INTERSECT " });
                if (set.All) Write("ALL ");
                // A right operand that is itself a set operation was parenthesised in the source,
                // unless it is an INTERSECT under a UNION or EXCEPT (INTERSECT binds tighter).
                if (set.Right is SetOperation right && !(right.Operator == SetOperator.Intersect && set.Operator != SetOperator.Intersect))
                {
                    Write('(');
                    QueryBody(set.Right);
                    Write(')');
                }
                else
                {
                    QueryBody(set.Right);
                }
                break;
            case NestedQuery nested: Subquery(nested.Query); break;
            default: throw new ArgumentOutOfRangeException(nameof(body), body.GetType().Name);
        }
    }

    private void Select(SelectSpecification select)
    {
        Write("SELECT ");
        SelectOptions(select.Options);
        List(select.Items, SelectItem);
        if (!select.From.IsEmpty)
        {
            Write(" FROM ");
            List(select.From, TableReference);
        }
        else if (select.Where is not null || !select.GroupBy.IsEmpty || select.Having is not null)
        {
            Write(" FROM DUAL");
        }
        if (select.Where is not null)
        {
            Write(" WHERE ");
            Expr(select.Where);
        }
        if (!select.GroupBy.IsEmpty)
        {
            Write(" GROUP BY ");
            List(select.GroupBy, Expr);
            if (select.WithRollup) Write(" WITH ROLLUP");
        }
        if (select.Having is not null)
        {
            Write(" HAVING ");
            Expr(select.Having);
        }
        if (!select.Windows.IsEmpty)
        {
            Write(" WINDOW ");
            List(select.Windows, window =>
            {
                Identifier(window.Name).Write(" AS ");
                Window(window.Specification);
            });
        }
    }

    private void SelectOptions(SelectOptions options)
    {
        if (options.HasFlag(Syntax.SelectOptions.Distinct)) Write("DISTINCT ");
        if (options.HasFlag(Syntax.SelectOptions.HighPriority)) Write("HIGH_PRIORITY ");
        if (options.HasFlag(Syntax.SelectOptions.StraightJoin)) Write("STRAIGHT_JOIN ");
        if (options.HasFlag(Syntax.SelectOptions.SqlSmallResult)) Write("SQL_SMALL_RESULT ");
        if (options.HasFlag(Syntax.SelectOptions.SqlBigResult)) Write("SQL_BIG_RESULT ");
        if (options.HasFlag(Syntax.SelectOptions.SqlBufferResult)) Write("SQL_BUFFER_RESULT ");
        if (options.HasFlag(Syntax.SelectOptions.SqlNoCache)) Write("SQL_NO_CACHE ");
        if (options.HasFlag(Syntax.SelectOptions.SqlCache)) Write("SQL_CACHE ");
        if (options.HasFlag(Syntax.SelectOptions.SqlCalcFoundRows)) Write("SQL_CALC_FOUND_ROWS ");
    }

    private void SelectItem(SelectItem item)
    {
        switch (item)
        {
            case AllColumnsSelectItem all:
                if (all.Schema is not null) Identifier(all.Schema).Write('.');
                if (all.Table is not null) Identifier(all.Table).Write('.');
                Write('*');
                break;
            case ExpressionSelectItem expression:
                Expr(expression.Expression);
                if (expression.Alias is not null) Write(" AS ").Identifier(expression.Alias);
                break;
        }
    }

    private void TableReference(TableReference reference)
    {
        switch (reference)
        {
            case TableSource table:
                Name(table.Name);
                if (table.Alias is not null) Write(" AS ").Identifier(table.Alias);
                foreach (var hint in table.IndexHints)
                {
                    Write(hint.Kind switch { IndexHintKind.Use => " USE INDEX", IndexHintKind.Ignore => " IGNORE INDEX", _ => " FORCE INDEX" });
                    Write(hint.Scope switch { IndexHintScope.Join => " FOR JOIN", IndexHintScope.OrderBy => " FOR ORDER BY", IndexHintScope.GroupBy => " FOR GROUP BY", _ => "" });
                    Write(" (");
                    List(hint.Indexes, name => { if (name == "PRIMARY") Write(name); else Identifier(name); });
                    Write(')');
                }
                break;
            case DerivedTable derived:
                if (derived.Lateral) Write("LATERAL ");
                Subquery(derived.Query);
                Write(" AS ").Identifier(derived.Alias);
                if (!derived.Columns.IsEmpty) Write(" (").IdentifierList(derived.Columns).Write(')');
                break;
            case JoinedTable join:
                TableReference(join.Left);
                if (join.Natural) Write(" NATURAL");
                Write(join.Kind switch
                {
                    JoinKind.Left => " LEFT JOIN ",
                    JoinKind.Right => " RIGHT JOIN ",
                    JoinKind.Straight => " STRAIGHT_JOIN ",
                    JoinKind.Cross => " CROSS JOIN ",
                    _ => " JOIN ",
                });
                if (join.Right is JoinedTable)
                {
                    Write('(');
                    TableReference(join.Right);
                    Write(')');
                }
                else
                {
                    TableReference(join.Right);
                }
                if (join.On is not null)
                {
                    Write(" ON ");
                    Expr(join.On);
                }
                else if (!join.Using.IsEmpty)
                {
                    Write(" USING (").IdentifierList(join.Using).Write(')');
                }
                break;
            case NestedTableReferences nested:
                Write('(');
                List(nested.References, TableReference);
                Write(')');
                break;
        }
    }
}
