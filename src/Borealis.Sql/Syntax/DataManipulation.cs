namespace Borealis.Sql.Syntax;

/// <summary>SELECT ... (or a parenthesised query, or WITH ... SELECT ...) as a statement,
/// with the INTO target MySQL allows on the outermost query only.</summary>
public sealed record SelectStatement(Query Query, SelectInto? Into = null) : Statement;

/// <summary>Where SELECT ... INTO sends its row.</summary>
public abstract record SelectInto : SyntaxNode;

/// <summary>INTO @a, @b (or stored-program variables, as column references).</summary>
public sealed record SelectIntoVariables(ValueList<Expression> Variables) : SelectInto;

/// <summary>INTO OUTFILE 'path' [CHARACTER SET cs] [FIELDS ...] [LINES ...]; null options take MySQL's defaults.</summary>
public sealed record SelectIntoOutfile(
    string Path,
    string? CharacterSet = null,
    string? FieldsTerminatedBy = null,
    string? FieldsEnclosedBy = null,
    bool FieldsOptionallyEnclosed = false,
    string? FieldsEscapedBy = null,
    string? LinesStartingBy = null,
    string? LinesTerminatedBy = null) : SelectInto;

/// <summary>INTO DUMPFILE 'path': one row, written raw.</summary>
public sealed record SelectIntoDumpfile(string Path) : SelectInto;

/// <summary>col = value in SET lists and ON DUPLICATE KEY UPDATE.</summary>
public sealed record ColumnAssignment(ColumnReference Column, Expression Value) : SyntaxNode;

/// <summary>Where inserted rows come from.</summary>
public abstract record InsertSource : SyntaxNode;

/// <summary>VALUES (..), (..) — <c>DEFAULT</c> entries are <see cref="DefaultValue"/>; VALUE is the same.</summary>
public sealed record InsertValues(ValueList<ValueList<Expression>> Rows) : InsertSource;

/// <summary>SET a = 1, b = 2.</summary>
public sealed record InsertSet(ValueList<ColumnAssignment> Assignments) : InsertSource;

/// <summary>INSERT ... SELECT / TABLE / (query).</summary>
public sealed record InsertQuery(Query Query) : InsertSource;

public enum InsertPriority { Default, LowPriority, Delayed, HighPriority }

/// <summary>INSERT or REPLACE.</summary>
/// <param name="Replace">REPLACE instead of INSERT.</param>
/// <param name="Columns">The column list; empty means every column in table order.</param>
/// <param name="RowAlias">MySQL 8's <c>VALUES (...) AS new</c> alias for ON DUPLICATE KEY UPDATE.</param>
public sealed record InsertStatement(
    bool Replace,
    InsertPriority Priority,
    bool Ignore,
    TableName Table,
    ValueList<string> Columns,
    InsertSource Source,
    string? RowAlias,
    ValueList<ColumnAssignment> OnDuplicateKeyUpdate) : Statement;

/// <summary>UPDATE; more than one table reference (or a join) makes it a multi-table update,
/// which MySQL forbids with ORDER BY and LIMIT.</summary>
public sealed record UpdateStatement(
    bool LowPriority,
    bool Ignore,
    ValueList<TableReference> Tables,
    ValueList<ColumnAssignment> Assignments,
    Expression? Where,
    ValueList<OrderItem> OrderBy,
    LimitClause? Limit) : Statement;

/// <summary>
/// DELETE. Single-table: <see cref="Targets"/> empty and <see cref="From"/> one
/// <see cref="TableSource"/>. Multi-table (<c>DELETE t1, t2 FROM ...</c> and
/// <c>DELETE FROM t1, t2 USING ...</c>): the tables to delete from in Targets and the joined
/// references in From.
/// </summary>
public sealed record DeleteStatement(
    bool LowPriority,
    bool Quick,
    bool Ignore,
    ValueList<TableName> Targets,
    ValueList<TableReference> From,
    Expression? Where,
    ValueList<OrderItem> OrderBy,
    LimitClause? Limit) : Statement
{
    public bool IsMultiTable => !Targets.IsEmpty;
}

/// <summary>DO expr, ...</summary>
public sealed record DoStatement(ValueList<Expression> Expressions) : Statement;
