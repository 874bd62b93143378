using Borealis.Sql.Syntax;

namespace Borealis.Sql.Execution.Expressions;

/// <summary>
/// Resolves every column name of a clause before any row is read, so an unknown column is
/// 1054 even on an empty table (mysqld resolves names when it prepares the statement).
/// </summary>
internal static class NameCheck
{
    public static void Check(Expression? e, RowScope scope, string clause, IReadOnlyList<string>? aliases = null)
    {
        switch (e)
        {
            case null: return;
            case ColumnReference c:
                if (c.Table is null && aliases is not null && aliases.Any(a => a.Equals(c.Column, StringComparison.OrdinalIgnoreCase))) return;
                scope.Resolve(c, clause);
                return;
            case UnaryExpression u: Check(u.Operand, scope, clause, aliases); return;
            case BinaryExpression b: Check(b.Left, scope, clause, aliases); Check(b.Right, scope, clause, aliases); return;
            case IsExpression i: Check(i.Operand, scope, clause, aliases); return;
            case LikeExpression l: Check(l.Operand, scope, clause, aliases); Check(l.Pattern, scope, clause, aliases); Check(l.Escape, scope, clause, aliases); return;
            case InListExpression i:
                Check(i.Operand, scope, clause, aliases);
                foreach (var v in i.Values) Check(v, scope, clause, aliases);
                return;
            case BetweenExpression b: Check(b.Operand, scope, clause, aliases); Check(b.Low, scope, clause, aliases); Check(b.High, scope, clause, aliases); return;
            case FunctionCall f:
                foreach (var a in f.Arguments) Check(a, scope, clause, aliases);
                return;
            case CaseExpression c:
                Check(c.Operand, scope, clause, aliases);
                foreach (var w in c.Whens) { Check(w.Condition, scope, clause, aliases); Check(w.Result, scope, clause, aliases); }
                Check(c.Else, scope, clause, aliases);
                return;
            case CollateExpression c: Check(c.Operand, scope, clause, aliases); return;
            case CastExpression c: Check(c.Operand, scope, clause, aliases); return;
            default: return;
        }
    }
}
