namespace Borealis.Sql.Syntax;

/// <summary>
/// A query expression: an optional WITH, a body (one SELECT, a set operation or a nested
/// query), then the ORDER BY / LIMIT / locking that apply to the whole body.
/// </summary>
public sealed record Query(
    WithClause? With,
    QueryBody Body,
    ValueList<OrderItem> OrderBy = default,
    LimitClause? Limit = null,
    ValueList<LockingClause> Locking = default) : SyntaxNode;

/// <summary>WITH [RECURSIVE] name [(cols)] AS (query), ...</summary>
public sealed record WithClause(bool Recursive, ValueList<CommonTableExpression> Tables) : SyntaxNode;

public sealed record CommonTableExpression(string Name, ValueList<string> Columns, Query Query) : SyntaxNode;

/// <summary>The part of a query expression before its ORDER BY and LIMIT.</summary>
public abstract record QueryBody : SyntaxNode;

/// <summary>SELECT options that MySQL accepts between SELECT and the select list.</summary>
[Flags]
public enum SelectOptions
{
    None = 0,
    Distinct = 1,
    HighPriority = 2,
    StraightJoin = 4,
    SqlSmallResult = 8,
    SqlBigResult = 16,
    SqlBufferResult = 32,
    SqlNoCache = 64,
    SqlCache = 128,
    SqlCalcFoundRows = 256,
}

/// <summary>One SELECT ... FROM ... WHERE ... GROUP BY ... HAVING ... WINDOW ...</summary>
public sealed record SelectSpecification(
    SelectOptions Options,
    ValueList<SelectItem> Items,
    ValueList<TableReference> From = default,
    Expression? Where = null,
    ValueList<Expression> GroupBy = default,
    bool WithRollup = false,
    Expression? Having = null,
    ValueList<NamedWindow> Windows = default) : QueryBody;

public enum SetOperator { Union, Except, Intersect }

/// <summary>left UNION|EXCEPT|INTERSECT [ALL] right. DISTINCT (the default) is <c>All == false</c>.</summary>
public sealed record SetOperation(QueryBody Left, SetOperator Operator, bool All, QueryBody Right) : QueryBody;

/// <summary>A parenthesised query expression used as a query body, with its own ORDER BY/LIMIT.</summary>
public sealed record NestedQuery(Query Query) : QueryBody;

/// <summary>An entry of the select list.</summary>
public abstract record SelectItem : SyntaxNode;

/// <summary>expr [[AS] alias].</summary>
public sealed record ExpressionSelectItem(Expression Expression, string? Alias) : SelectItem;

/// <summary><c>*</c>, <c>t.*</c> or <c>db.t.*</c>.</summary>
public sealed record AllColumnsSelectItem(string? Schema, string? Table) : SelectItem;

/// <summary>An ORDER BY entry.</summary>
public sealed record OrderItem(Expression Expression, bool Descending) : SyntaxNode;

/// <summary>LIMIT count [OFFSET offset]; LIMIT offset, count means the same.</summary>
public sealed record LimitClause(Expression Count, Expression? Offset) : SyntaxNode;

public enum LockStrength
{
    /// <summary>FOR UPDATE.</summary>
    Update,
    /// <summary>FOR SHARE.</summary>
    Share,
    /// <summary>LOCK IN SHARE MODE (like FOR SHARE, without OF/NOWAIT/SKIP LOCKED).</summary>
    ShareMode,
}

public enum LockWait { Wait, NoWait, SkipLocked }

/// <summary>FOR UPDATE|SHARE [OF t, ...] [NOWAIT|SKIP LOCKED], or LOCK IN SHARE MODE.</summary>
public sealed record LockingClause(LockStrength Strength, ValueList<TableName> Of, LockWait Wait) : SyntaxNode;

/// <summary>WINDOW name AS (spec).</summary>
public sealed record NamedWindow(string Name, WindowSpecification Specification) : SyntaxNode;

/// <summary>
/// An OVER clause or a named window's body. <c>OVER w</c> is a specification with only
/// <see cref="Reference"/> set and <see cref="IsBareReference"/> true.
/// </summary>
public sealed record WindowSpecification(
    string? Reference,
    ValueList<Expression> PartitionBy,
    ValueList<OrderItem> OrderBy,
    WindowFrame? Frame,
    bool IsBareReference = false) : SyntaxNode;

public enum WindowFrameUnits { Rows, Range }

/// <summary>ROWS|RANGE start, or ROWS|RANGE BETWEEN start AND end.</summary>
public sealed record WindowFrame(WindowFrameUnits Units, FrameBound Start, FrameBound? End) : SyntaxNode;

public enum FrameBoundKind { UnboundedPreceding, Preceding, CurrentRow, Following, UnboundedFollowing }

/// <summary>A frame edge; <see cref="Offset"/> is set for n PRECEDING / n FOLLOWING (n may be an INTERVAL for RANGE).</summary>
public sealed record FrameBound(FrameBoundKind Kind, Expression? Offset) : SyntaxNode;
