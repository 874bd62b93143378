namespace Borealis.Sql.Syntax;

/// <summary>A value expression.</summary>
public abstract record Expression : SyntaxNode;

/// <summary>NULL.</summary>
public sealed record NullLiteral : Expression
{
    public static NullLiteral Instance { get; } = new();
}

/// <summary>TRUE or FALSE.</summary>
public sealed record BooleanLiteral(bool Value) : Expression;

/// <summary>How a numeric literal was written; decides its MySQL type (integer, DECIMAL or DOUBLE).</summary>
public enum NumberKind { Integer, Decimal, Float }

/// <summary>A numeric literal kept as written (without sign) so no precision is lost before
/// the planner types it.</summary>
public sealed record NumberLiteral(string Text, NumberKind Kind) : Expression;

/// <summary>A string literal, escapes resolved and adjacent parts joined.</summary>
/// <param name="Value">The characters of the string.</param>
/// <param name="Introducer">The charset of a <c>_charset'..'</c> introducer, without the underscore.</param>
/// <param name="National">Written as N'..' (the national charset, utf8mb3 in MySQL 8).</param>
public sealed record StringLiteral(string Value, string? Introducer = null, bool National = false) : Expression;

/// <summary>X'..' or 0x.. — the hex digits as written.</summary>
public sealed record HexLiteral(string Digits, string? Introducer = null) : Expression;

/// <summary>B'..' or 0b.. — the binary digits as written.</summary>
public sealed record BitLiteral(string Digits, string? Introducer = null) : Expression;

public enum TemporalKind { Date, Time, Timestamp }

/// <summary>DATE '..', TIME '..', TIMESTAMP '..'.</summary>
public sealed record TemporalLiteral(TemporalKind Kind, string Value) : Expression;

/// <summary>A <c>?</c> parameter; <paramref name="Index"/> counts from 0 in text order over the whole statement.</summary>
public sealed record Placeholder(int Index) : Expression;

/// <summary>DEFAULT, or DEFAULT(col).</summary>
public sealed record DefaultValue(string? Column = null) : Expression;

/// <summary>A column reference: <c>col</c>, <c>tbl.col</c> or <c>db.tbl.col</c>.</summary>
public sealed record ColumnReference(string? Schema, string? Table, string Column) : Expression
{
    public ColumnReference(string column) : this(null, null, column) { }
}

/// <summary>@name.</summary>
public sealed record UserVariable(string Name) : Expression;

public enum VariableScope { Default, Session, Global, Local, Persist, PersistOnly }

/// <summary>@@name, @@session.name, @@global.name, or in SET a name with its scope keyword.</summary>
public sealed record SystemVariable(string Name, VariableScope Scope = VariableScope.Default) : Expression;

/// <summary>@var := value inside an expression.</summary>
public sealed record AssignmentExpression(UserVariable Target, Expression Value) : Expression;

public enum UnaryOperator
{
    /// <summary>Unary minus.</summary>
    Negate,
    /// <summary>Unary plus (kept: it turns a string into a number in MySQL only when used in arithmetic, so it is a no-op, but it is written).</summary>
    Plus,
    /// <summary>~</summary>
    BitNot,
    /// <summary>NOT and ! (same meaning; only their precedence differs when parsing).</summary>
    Not,
    /// <summary>BINARY x: casts to a binary string.</summary>
    Binary,
}

public sealed record UnaryExpression(UnaryOperator Operator, Expression Operand) : Expression;

public enum BinaryOperator
{
    Or, Xor, And,
    Equal, NullSafeEqual, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual,
    BitOr, BitAnd, BitXor, ShiftLeft, ShiftRight,
    Add, Subtract, Multiply, Divide, IntegerDivide, Modulo,
    /// <summary>|| under PIPES_AS_CONCAT.</summary>
    Concat,
    /// <summary>col->'$.path' (JSON_EXTRACT).</summary>
    JsonExtract,
    /// <summary>col->>'$.path' (JSON_UNQUOTE(JSON_EXTRACT)).</summary>
    JsonUnquoteExtract,
}

public sealed record BinaryExpression(BinaryOperator Operator, Expression Left, Expression Right) : Expression;

public enum IsTest { Null, True, False, Unknown }

/// <summary>x IS [NOT] NULL|TRUE|FALSE|UNKNOWN.</summary>
public sealed record IsExpression(Expression Operand, IsTest Test, bool Negated) : Expression;

/// <summary>x [NOT] LIKE pattern [ESCAPE e].</summary>
public sealed record LikeExpression(Expression Operand, Expression Pattern, Expression? Escape, bool Negated) : Expression;

/// <summary>x [NOT] REGEXP|RLIKE pattern.</summary>
public sealed record RegexpExpression(Expression Operand, Expression Pattern, bool Negated) : Expression;

/// <summary>x [NOT] IN (a, b, ...).</summary>
public sealed record InListExpression(Expression Operand, ValueList<Expression> Values, bool Negated) : Expression;

/// <summary>x [NOT] IN (subquery).</summary>
public sealed record InSubqueryExpression(Expression Operand, Query Subquery, bool Negated) : Expression;

/// <summary>x [NOT] BETWEEN low AND high.</summary>
public sealed record BetweenExpression(Expression Operand, Expression Low, Expression High, bool Negated) : Expression;

public enum SubqueryQuantifier { Any, All }

/// <summary>x op ANY|SOME|ALL (subquery).</summary>
public sealed record QuantifiedComparison(BinaryOperator Operator, Expression Left, SubqueryQuantifier Quantifier, Query Subquery) : Expression;

/// <summary>[NOT] EXISTS (subquery).</summary>
public sealed record ExistsExpression(Query Subquery) : Expression;

/// <summary>(subquery) used as a value.</summary>
public sealed record SubqueryExpression(Query Subquery) : Expression;

/// <summary>(a, b, ...) or ROW(a, b, ...).</summary>
public sealed record RowExpression(ValueList<Expression> Values) : Expression;

public sealed record WhenClause(Expression Condition, Expression Result) : SyntaxNode;

/// <summary>CASE [operand] WHEN .. THEN .. [ELSE ..] END.</summary>
public sealed record CaseExpression(Expression? Operand, ValueList<WhenClause> Whens, Expression? Else) : Expression;

/// <summary>CAST(x AS type), and CONVERT(x, type).</summary>
public sealed record CastExpression(Expression Operand, DataType Type) : Expression;

/// <summary>CONVERT(x USING charset).</summary>
public sealed record ConvertUsingExpression(Expression Operand, string CharacterSet) : Expression;

/// <summary>x COLLATE collation.</summary>
public sealed record CollateExpression(Expression Operand, string Collation) : Expression;

public enum IntervalUnit
{
    Microsecond, Second, Minute, Hour, Day, Week, Month, Quarter, Year,
    SecondMicrosecond, MinuteMicrosecond, MinuteSecond, HourMicrosecond, HourSecond, HourMinute,
    DayMicrosecond, DaySecond, DayMinute, DayHour, YearMonth,
}

/// <summary>INTERVAL value unit, as in <c>d + INTERVAL 1 DAY</c> or DATE_ADD(d, INTERVAL 1 DAY).</summary>
public sealed record IntervalExpression(Expression Value, IntervalUnit Unit) : Expression;

/// <summary>A bare time unit passed to TIMESTAMPADD/TIMESTAMPDIFF/EXTRACT.</summary>
public sealed record TimeUnitExpression(IntervalUnit Unit) : Expression;

public enum TrimSide { Both, Leading, Trailing }

/// <summary>TRIM([BOTH|LEADING|TRAILING] [remove] FROM source); a plain TRIM(x) has Side Both and no Remove.</summary>
public sealed record TrimExpression(TrimSide Side, Expression? Remove, Expression Source) : Expression;

/// <summary>EXTRACT(unit FROM x).</summary>
public sealed record ExtractExpression(IntervalUnit Unit, Expression Source) : Expression;

/// <summary>
/// A function call. Built-in names are upper-cased. Aggregate-only parts (DISTINCT, a <c>*</c>
/// argument, GROUP_CONCAT's ORDER BY and SEPARATOR) and a window (OVER) are carried here so
/// that the binder decides what a name means.
/// </summary>
public sealed record FunctionCall(
    string Name,
    ValueList<Expression> Arguments,
    bool Distinct = false,
    bool StarArgument = false,
    ValueList<OrderItem> OrderBy = default,
    string? Separator = null,
    WindowSpecification? Over = null) : Expression;

/// <summary>The argument list position of a string literal charset: CHAR(65 USING utf8mb4).</summary>
public sealed record CharFunctionExpression(ValueList<Expression> Arguments, string? CharacterSet) : Expression;
