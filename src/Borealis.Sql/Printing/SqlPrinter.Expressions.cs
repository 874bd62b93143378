using Borealis.Sql.Syntax;

namespace Borealis.Sql.Printing;

/// <summary>Expressions, parenthesised by MySQL precedence.</summary>
public sealed partial class SqlPrinter
{
    // Binding strength, higher binds tighter; mirrors the parser's levels.
    private const int AssignLevel = 1, OrLevel = 2, XorLevel = 3, AndLevel = 4, NotLevel = 5,
        ComparisonLevel = 7, PredicateLevel = 8, BitOrLevel = 9, BitAndLevel = 10, ShiftLevel = 11,
        AdditiveLevel = 12, MultiplicativeLevel = 13, BitXorLevel = 14, UnaryLevel = 15, CollateLevel = 16,
        PostfixLevel = 17, PrimaryLevel = 18;

    private void Expr(Expression expression) => Expr(expression, AssignLevel);

    /// <summary>Prints <paramref name="expression"/> in a place that needs at least <paramref name="required"/> binding.</summary>
    private void Expr(Expression expression, int required)
    {
        var level = LevelOf(expression);
        var parenthesize = level < required || (fullyParenthesized && level < PrimaryLevel);
        if (parenthesize) Write('(');
        ExprBody(expression);
        if (parenthesize) Write(')');
    }

    private static int LevelOf(Expression expression) => expression switch
    {
        AssignmentExpression => AssignLevel,
        BinaryExpression binary => LevelOf(binary.Operator),
        UnaryExpression { Operator: UnaryOperator.Not } => NotLevel,
        UnaryExpression => UnaryLevel,
        IsExpression or QuantifiedComparison => ComparisonLevel,
        LikeExpression or RegexpExpression or InListExpression or InSubqueryExpression or BetweenExpression => PredicateLevel,
        CollateExpression => CollateLevel,
        _ => PrimaryLevel,
    };

    private static int LevelOf(BinaryOperator op) => op switch
    {
        BinaryOperator.Or => OrLevel,
        BinaryOperator.Xor => XorLevel,
        BinaryOperator.And => AndLevel,
        BinaryOperator.Equal or BinaryOperator.NullSafeEqual or BinaryOperator.NotEqual or BinaryOperator.Less
            or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual => ComparisonLevel,
        BinaryOperator.BitOr => BitOrLevel,
        BinaryOperator.BitAnd => BitAndLevel,
        BinaryOperator.ShiftLeft or BinaryOperator.ShiftRight => ShiftLevel,
        BinaryOperator.Add or BinaryOperator.Subtract => AdditiveLevel,
        BinaryOperator.Multiply or BinaryOperator.Divide or BinaryOperator.IntegerDivide or BinaryOperator.Modulo => MultiplicativeLevel,
        BinaryOperator.BitXor => BitXorLevel,
        BinaryOperator.Concat => CollateLevel,
        _ => PostfixLevel,
    };

    private static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Or => "OR",
        BinaryOperator.Xor => "XOR",
        BinaryOperator.And => "AND",
        BinaryOperator.Equal => "=",
        BinaryOperator.NullSafeEqual => "<=>",
        BinaryOperator.NotEqual => "<>",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.BitOr => "|",
        BinaryOperator.BitAnd => "&",
        BinaryOperator.BitXor => "^",
        BinaryOperator.ShiftLeft => "<<",
        BinaryOperator.ShiftRight => ">>",
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.IntegerDivide => "DIV",
        BinaryOperator.Modulo => "%",
        BinaryOperator.Concat => "||",
        BinaryOperator.JsonExtract => "->",
        BinaryOperator.JsonUnquoteExtract => "->>",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    private void ExprBody(Expression expression)
    {
        switch (expression)
        {
            case NullLiteral: Write("NULL"); break;
            case BooleanLiteral boolean: Write(boolean.Value ? "TRUE" : "FALSE"); break;
            case NumberLiteral number: Write(number.Text); break;
            case StringLiteral text:
                if (text.Introducer is not null) Write('_').Write(text.Introducer);
                else if (text.National) Write('N');
                StringValue(text.Value);
                break;
            case HexLiteral hex:
                if (hex.Introducer is not null) Write('_').Write(hex.Introducer).Write(' ');
                // 0x.. also takes an odd number of digits; X'' is the only spelling of the empty value.
                Write(hex.Digits.Length == 0 ? "X''" : "0x" + hex.Digits);
                break;
            case BitLiteral bits:
                if (bits.Introducer is not null) Write('_').Write(bits.Introducer).Write(' ');
                Write(bits.Digits.Length == 0 ? "B''" : "0b" + bits.Digits);
                break;
            case TemporalLiteral temporal:
                Write(temporal.Kind switch { TemporalKind.Date => "DATE ", TemporalKind.Time => "TIME ", _ => "TIMESTAMP " }).StringValue(temporal.Value);
                break;
            case Placeholder: Write('?'); break;
            case DefaultValue defaultValue:
                Write("DEFAULT");
                if (defaultValue.Column is not null) Write('(').Identifier(defaultValue.Column).Write(')');
                break;
            case ColumnReference column:
                if (column.Schema is not null) Identifier(column.Schema).Write('.');
                if (column.Table is not null) Identifier(column.Table).Write('.');
                Identifier(column.Column);
                break;
            case UserVariable variable: UserVariableName(variable.Name); break;
            case SystemVariable variable:
                Write("@@");
                if (variable.Scope != VariableScope.Default) Write(ScopeName(variable.Scope).ToLowerInvariant()).Write('.');
                SystemVariableName(variable.Name);
                break;
            case AssignmentExpression assignment:
                UserVariableName(assignment.Target.Name);
                Write(" := ");
                Expr(assignment.Value, AssignLevel);
                break;
            case UnaryExpression unary: Unary(unary); break;
            case BinaryExpression binary: Binary(binary); break;
            case IsExpression test:
                Expr(test.Operand, ComparisonLevel);
                Write(test.Negated ? " IS NOT " : " IS ");
                Write(test.Test switch { IsTest.Null => "NULL", IsTest.True => "TRUE", IsTest.False => "FALSE", _ => "UNKNOWN" });
                break;
            case LikeExpression like:
                Expr(like.Operand, BitOrLevel);
                Write(like.Negated ? " NOT LIKE " : " LIKE ");
                Expr(like.Pattern, BitOrLevel);
                if (like.Escape is not null)
                {
                    Write(" ESCAPE ");
                    Expr(like.Escape, UnaryLevel);
                }
                break;
            case RegexpExpression regexp:
                Expr(regexp.Operand, BitOrLevel);
                Write(regexp.Negated ? " NOT REGEXP " : " REGEXP ");
                Expr(regexp.Pattern, BitOrLevel);
                break;
            case InListExpression inList:
                Expr(inList.Operand, BitOrLevel);
                Write(inList.Negated ? " NOT IN (" : " IN (");
                List(inList.Values, Expr);
                Write(')');
                break;
            case InSubqueryExpression inQuery:
                Expr(inQuery.Operand, BitOrLevel);
                Write(inQuery.Negated ? " NOT IN " : " IN ");
                Subquery(inQuery.Subquery);
                break;
            case BetweenExpression between:
                Expr(between.Operand, BitOrLevel);
                Write(between.Negated ? " NOT BETWEEN " : " BETWEEN ");
                Expr(between.Low, BitOrLevel);
                Write(" AND ");
                Expr(between.High, PredicateLevel);
                break;
            case QuantifiedComparison quantified:
                Expr(quantified.Left, ComparisonLevel);
                Write(' ').Write(Symbol(quantified.Operator)).Write(quantified.Quantifier == SubqueryQuantifier.Any ? " ANY " : " ALL ");
                Subquery(quantified.Subquery);
                break;
            case ExistsExpression exists:
                Write("EXISTS ");
                Subquery(exists.Subquery);
                break;
            case SubqueryExpression subquery: Subquery(subquery.Subquery); break;
            case RowExpression row:
                Write(row.Values.Count == 1 ? "ROW(" : "(");
                List(row.Values, Expr);
                Write(')');
                break;
            case CaseExpression caseExpression: Case(caseExpression); break;
            case CastExpression cast:
                Write("CAST(");
                Expr(cast.Operand);
                Write(" AS ");
                CastType(cast.Type);
                Write(')');
                break;
            case ConvertUsingExpression convert:
                Write("CONVERT(");
                Expr(convert.Operand);
                Write(" USING ").BareName(convert.CharacterSet).Write(')');
                break;
            case CollateExpression collate:
                Expr(collate.Operand, CollateLevel);
                Write(" COLLATE ").BareName(collate.Collation);
                break;
            case IntervalExpression interval:
                Write("INTERVAL ");
                // A value that starts with "(a, ..." would read back as the INTERVAL() function:
                // one more pair of parentheses keeps it a value.
                var value = new SqlPrinter(fullyParenthesized);
                value.Expr(interval.Value);
                var valueText = value.output.ToString();
                var afterParentheses = valueText.TrimStart('(');
                var startsWithSubquery = afterParentheses.StartsWith("SELECT ", StringComparison.Ordinal) || afterParentheses.StartsWith("WITH ", StringComparison.Ordinal);
                if (valueText.StartsWith('(') && !startsWithSubquery) Write('(').Write(valueText).Write(')');
                else Write(valueText);
                Write(' ').Write(UnitName(interval.Unit));
                break;
            case TimeUnitExpression unit: Write(UnitName(unit.Unit)); break;
            case TrimExpression trim:
                Write("TRIM(");
                if (trim.Side != TrimSide.Both || trim.Remove is not null)
                {
                    Write(trim.Side switch { TrimSide.Leading => "LEADING ", TrimSide.Trailing => "TRAILING ", _ => "BOTH " });
                    if (trim.Remove is not null)
                    {
                        Expr(trim.Remove);
                        Write(' ');
                    }
                    Write("FROM ");
                }
                Expr(trim.Source);
                Write(')');
                break;
            case ExtractExpression extract:
                Write("EXTRACT(").Write(UnitName(extract.Unit)).Write(" FROM ");
                Expr(extract.Source);
                Write(')');
                break;
            case CharFunctionExpression charFunction:
                Write("CHAR(");
                List(charFunction.Arguments, Expr);
                if (charFunction.CharacterSet is not null) Write(" USING ").BareName(charFunction.CharacterSet);
                Write(')');
                break;
            case FunctionCall call: Function(call); break;
            default: throw new ArgumentOutOfRangeException(nameof(expression), expression.GetType().Name);
        }
    }

    private void UserVariableName(string name)
    {
        Write('@');
        if (name.Length > 0 && name.All(c => Lexing.Lexer.IsIdentifierChar(c) || c == '.')) Write(name);
        else Identifier(name);
    }

    /// <summary>A system variable name: dotted parts (component.variable) each bare or back-quoted.</summary>
    private void SystemVariableName(string name)
    {
        var parts = name.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0) Write('.');
            if (IsPlainWord(parts[i])) Write(parts[i]);
            else Identifier(parts[i]);
        }
    }

    private static string ScopeName(VariableScope scope) => scope switch
    {
        VariableScope.Global => "GLOBAL",
        VariableScope.Session => "SESSION",
        VariableScope.Local => "LOCAL",
        VariableScope.Persist => "PERSIST",
        VariableScope.PersistOnly => "PERSIST_ONLY",
        _ => "",
    };

    private void Unary(UnaryExpression unary)
    {
        switch (unary.Operator)
        {
            case UnaryOperator.Not:
                Write("NOT ");
                Expr(unary.Operand, NotLevel);
                return;
            case UnaryOperator.Binary:
                Write("BINARY ");
                break;
            default:
                Write(unary.Operator switch { UnaryOperator.Negate => "-", UnaryOperator.Plus => "+", _ => "~" });
                break;
        }
        // "- -1" must not print as "--1".
        if (unary.Operand is UnaryExpression { Operator: UnaryOperator.Negate or UnaryOperator.Plus } && unary.Operator != UnaryOperator.Binary)
        {
            Write('(');
            Expr(unary.Operand, UnaryLevel);
            Write(')');
            return;
        }
        Expr(unary.Operand, UnaryLevel);
    }

    private void Binary(BinaryExpression binary)
    {
        var level = LevelOf(binary.Operator);
        if (level == ComparisonLevel)
        {
            Expr(binary.Left, ComparisonLevel);
            Write(' ').Write(Symbol(binary.Operator)).Write(' ');
            Expr(binary.Right, PredicateLevel);
            return;
        }
        if (binary.Operator is BinaryOperator.JsonExtract or BinaryOperator.JsonUnquoteExtract)
        {
            Expr(binary.Left, PostfixLevel);
            Write(Symbol(binary.Operator));
            Expr(binary.Right, PrimaryLevel);
            return;
        }
        if (binary.Operator == BinaryOperator.Concat)
        {
            Expr(binary.Left, CollateLevel);
            Write(" || ");
            Expr(binary.Right, UnaryLevel);
            return;
        }
        Expr(binary.Left, level);
        Write(' ').Write(Symbol(binary.Operator)).Write(' ');
        Expr(binary.Right, level + 1);
    }

    private void Case(CaseExpression caseExpression)
    {
        Write("CASE");
        if (caseExpression.Operand is not null)
        {
            Write(' ');
            Expr(caseExpression.Operand);
        }
        foreach (var when in caseExpression.Whens)
        {
            Write(" WHEN ");
            Expr(when.Condition);
            Write(" THEN ");
            Expr(when.Result);
        }
        if (caseExpression.Else is not null)
        {
            Write(" ELSE ");
            Expr(caseExpression.Else);
        }
        Write(" END");
    }

    private void Function(FunctionCall call)
    {
        Write(call.Name).Write('(');
        if (call.StarArgument) Write('*');
        if (call.Distinct) Write("DISTINCT ");
        List(call.Arguments, Expr);
        if (!call.OrderBy.IsEmpty)
        {
            Write(" ORDER BY ");
            List(call.OrderBy, OrderItem);
        }
        if (call.Separator is not null)
        {
            Write(" SEPARATOR ");
            StringValue(call.Separator);
        }
        Write(')');
        if (call.Over is not null)
        {
            Write(" OVER ");
            Window(call.Over);
        }
    }

    private void Window(WindowSpecification window)
    {
        if (window.IsBareReference)
        {
            Identifier(window.Reference!);
            return;
        }
        Write('(');
        var parts = new List<Action>();
        if (window.Reference is not null) parts.Add(() => Identifier(window.Reference));
        if (!window.PartitionBy.IsEmpty) parts.Add(() => { Write("PARTITION BY "); List(window.PartitionBy, Expr); });
        if (!window.OrderBy.IsEmpty) parts.Add(() => { Write("ORDER BY "); List(window.OrderBy, OrderItem); });
        if (window.Frame is { } frame)
        {
            parts.Add(() =>
            {
                Write(frame.Units == WindowFrameUnits.Rows ? "ROWS " : "RANGE ");
                if (frame.End is null)
                {
                    Bound(frame.Start);
                    return;
                }
                Write("BETWEEN ");
                Bound(frame.Start);
                Write(" AND ");
                Bound(frame.End);
            });
        }
        for (var i = 0; i < parts.Count; i++)
        {
            if (i > 0) Write(' ');
            parts[i]();
        }
        Write(')');
    }

    private void Bound(FrameBound bound)
    {
        switch (bound.Kind)
        {
            case FrameBoundKind.UnboundedPreceding: Write("UNBOUNDED PRECEDING"); break;
            case FrameBoundKind.UnboundedFollowing: Write("UNBOUNDED FOLLOWING"); break;
            case FrameBoundKind.CurrentRow: Write("CURRENT ROW"); break;
            default:
                Expr(bound.Offset!, PrimaryLevel);
                Write(bound.Kind == FrameBoundKind.Preceding ? " PRECEDING" : " FOLLOWING");
                break;
        }
    }

    private void OrderItem(OrderItem item)
    {
        Expr(item.Expression);
        if (item.Descending) Write(" DESC");
    }

    private void Subquery(Query query)
    {
        Write('(');
        Query(query);
        Write(')');
    }

    private static string UnitName(IntervalUnit unit) => unit switch
    {
        IntervalUnit.Microsecond => "MICROSECOND",
        IntervalUnit.Second => "SECOND",
        IntervalUnit.Minute => "MINUTE",
        IntervalUnit.Hour => "HOUR",
        IntervalUnit.Day => "DAY",
        IntervalUnit.Week => "WEEK",
        IntervalUnit.Month => "MONTH",
        IntervalUnit.Quarter => "QUARTER",
        IntervalUnit.Year => "YEAR",
        IntervalUnit.SecondMicrosecond => "SECOND_MICROSECOND",
        IntervalUnit.MinuteMicrosecond => "MINUTE_MICROSECOND",
        IntervalUnit.MinuteSecond => "MINUTE_SECOND",
        IntervalUnit.HourMicrosecond => "HOUR_MICROSECOND",
        IntervalUnit.HourSecond => "HOUR_SECOND",
        IntervalUnit.HourMinute => "HOUR_MINUTE",
        IntervalUnit.DayMicrosecond => "DAY_MICROSECOND",
        IntervalUnit.DaySecond => "DAY_SECOND",
        IntervalUnit.DayMinute => "DAY_MINUTE",
        IntervalUnit.DayHour => "DAY_HOUR",
        _ => "YEAR_MONTH",
    };
}
