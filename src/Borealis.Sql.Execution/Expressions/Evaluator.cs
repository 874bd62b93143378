using Borealis.Engine.Keys;
using Borealis.Sql.Execution.Values;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Execution.Expressions;

/// <summary>
/// Evaluates expressions with MySQL's coercions: comparisons of two strings use the collation
/// (a column's, else utf8mb4_0900_ai_ci); integers compare as integers, with a decimal as
/// decimals, and anything else numerically as doubles. Split by concern into partial files.
/// </summary>
internal sealed partial class Evaluator(SqlSession session, SqlValue[] parameters)
{
    private readonly SqlSession _session = session;
    private readonly SqlValue[] _parameters = parameters;

    public string Clause { get; set; } = "field list";

    public SqlValue Eval(Expression expression, RowScope scope)
    {
        switch (expression)
        {
            case NullLiteral: return SqlValue.Null;
            case BooleanLiteral b: return SqlValue.FromBool(b.Value);
            case NumberLiteral n: return Literals.Number(n);
            case StringLiteral s: return s.Introducer?.ToLowerInvariant() is "binary" ? SqlValue.FromBytes(SurrogateEscape.Encode(s.Value)) : SqlValue.FromString(s.Value);
            case HexLiteral h: return SqlValue.FromBytes(Convert.FromHexString(h.Digits.Length % 2 == 1 ? "0" + h.Digits : h.Digits));
            case TemporalLiteral t: return SqlValue.FromTemporal(t.Value);
            case Placeholder p: return p.Index < _parameters.Length ? _parameters[p.Index] : throw SqlErrors.Of(MySql.MySqlErrorCode.WrongArguments, "mysqld_stmt_execute");
            case ColumnReference c: return ColumnValue(c, scope);
            case SystemVariable v: return _session.Variables.Get(v.Name, v.Scope);
            case UserVariable u: return _session.UserVariables.GetValueOrDefault(u.Name.ToLowerInvariant());
            case UnaryExpression u: return Unary(u, scope);
            case BinaryExpression b: return Binary(b, scope);
            case IsExpression i: return Is(i, scope);
            case InListExpression inList: return InList(inList, scope);
            case BetweenExpression between: return Between(between, scope);
            case LikeExpression like: return Like(like, scope);
            case FunctionCall f: return Function(f, scope);
            case CaseExpression c: return Case(c, scope);
            case CollateExpression c: return Eval(c.Operand, scope);
            case CastExpression c: return Cast(c, scope);
            default: throw SqlErrors.NotSupported("expression " + expression.GetType().Name.Replace("Expression", "", StringComparison.Ordinal));
        }
    }

    public bool IsTrue(Expression expression, RowScope scope) => Eval(expression, scope).ToBool() == true;

    private SqlValue ColumnValue(ColumnReference c, RowScope scope)
    {
        if (c.Table is null && scope.Aliases is { } aliases)
        {
            var i = aliases.Names.FindIndex(n => n.Equals(c.Column, StringComparison.OrdinalIgnoreCase));
            if (i >= 0) return aliases.Values[i];
        }
        var index = scope.Resolve(c, Clause);
        // In a group, a plain column is the group's first row's (NULL for the one group of no rows).
        if (scope.Group is { } group) return group.Count > 0 ? group[0][index] : SqlValue.Null;
        return scope.Row[index];
    }

    private SqlValue Unary(UnaryExpression u, RowScope scope)
    {
        var v = Eval(u.Operand, scope);
        if (v.IsNull) return v;
        return u.Operator switch
        {
            UnaryOperator.Not => SqlValue.FromBool(v.ToBool() == false),
            UnaryOperator.Plus => v,
            UnaryOperator.Negate => v.Kind switch
            {
                SqlKind.Int => v.Int == long.MinValue ? SqlValue.FromDecimal(-(decimal)v.Int) : SqlValue.FromInt(-v.Int),
                SqlKind.UInt => v.UInt <= long.MaxValue ? SqlValue.FromInt(-(long)v.UInt) : SqlValue.FromDecimal(-(decimal)v.UInt),
                SqlKind.Decimal => SqlValue.FromDecimal(-v.Decimal),
                _ => SqlValue.FromDouble(-v.ToDouble()),
            },
            _ => throw SqlErrors.NotSupported("operator " + u.Operator),
        };
    }

    private SqlValue Is(IsExpression i, RowScope scope)
    {
        var v = Eval(i.Operand, scope);
        var result = i.Test switch
        {
            IsTest.Null or IsTest.Unknown => v.IsNull,
            IsTest.True => v.ToBool() == true,
            _ => v.ToBool() == false,
        };
        return SqlValue.FromBool(result != i.Negated);
    }

    private SqlValue InList(InListExpression e, RowScope scope)
    {
        var v = Eval(e.Operand, scope);
        if (v.IsNull) return SqlValue.Null;
        var collation = CollationOf(e.Operand, scope);
        var sawNull = false;
        foreach (var item in e.Values)
        {
            var w = Eval(item, scope);
            if (w.IsNull) { sawNull = true; continue; }
            if (Comparison.Compare(v, w, collation) == 0) return SqlValue.FromBool(!e.Negated);
        }
        return sawNull ? SqlValue.Null : SqlValue.FromBool(e.Negated);
    }

    private SqlValue Between(BetweenExpression e, RowScope scope)
    {
        var v = Eval(e.Operand, scope);
        var lo = Eval(e.Low, scope);
        var hi = Eval(e.High, scope);
        if (v.IsNull || lo.IsNull || hi.IsNull) return SqlValue.Null;
        var collation = CollationOf(e.Operand, scope);
        var inside = Comparison.Compare(v, lo, collation) >= 0 && Comparison.Compare(v, hi, collation) <= 0;
        return SqlValue.FromBool(inside != e.Negated);
    }

    private SqlValue Like(LikeExpression e, RowScope scope)
    {
        var v = Eval(e.Operand, scope);
        var p = Eval(e.Pattern, scope);
        if (v.IsNull || p.IsNull) return SqlValue.Null;
        var escape = '\\';
        if (e.Escape is not null)
        {
            var esc = Eval(e.Escape, scope).ToText();
            escape = esc.Length > 0 ? esc[0] : '\\';
        }
        var collation = CollationOf(e.Operand, scope);
        var ignoreCase = v.Kind != SqlKind.Bytes && collation.Id is 255 or 45;
        var matched = LikeMatcher.Matches(v.ToText(), p.ToText(), escape, ignoreCase);
        return SqlValue.FromBool(matched != e.Negated);
    }

    private SqlValue Case(CaseExpression c, RowScope scope)
    {
        if (c.Operand is null)
        {
            foreach (var when in c.Whens)
                if (IsTrue(when.Condition, scope)) return Eval(when.Result, scope);
        }
        else
        {
            var v = Eval(c.Operand, scope);
            var collation = CollationOf(c.Operand, scope);
            foreach (var when in c.Whens)
            {
                var w = Eval(when.Condition, scope);
                if (!v.IsNull && !w.IsNull && Comparison.Compare(v, w, collation) == 0) return Eval(when.Result, scope);
            }
        }
        return c.Else is null ? SqlValue.Null : Eval(c.Else, scope);
    }

    /// <summary>The collation a comparison with this operand uses: a column's own, else the default.</summary>
    internal static Collation CollationOf(Expression e, RowScope scope)
    {
        if (e is ColumnReference c && scope.Table is { } table)
        {
            var i = table.Def.FindColumn(c.Column);
            if (i >= 0) return table.Types[i].Collation;
        }
        return Collation.Utf8mb40900AiCi;
    }
}
