namespace Borealis.Sql.Syntax;

/// <summary>An entry between the parentheses of CREATE TABLE (a column or a constraint).</summary>
public abstract record TableElement : SyntaxNode;

/// <summary>GENERATED ALWAYS AS (expr) [VIRTUAL|STORED].</summary>
public sealed record GeneratedColumn(Expression Expression, bool Stored) : SyntaxNode;

/// <summary>A column and its attributes, in a fixed order whatever order they were written in.</summary>
/// <param name="Nullable">true for NULL, false for NOT NULL, null when neither was written.</param>
/// <param name="Default">DEFAULT value: a literal, CURRENT_TIMESTAMP(n) as a function call, or (expr).</param>
/// <param name="OnUpdate">ON UPDATE CURRENT_TIMESTAMP[(n)].</param>
/// <param name="Check">An inline CHECK (expr).</param>
public sealed record ColumnDefinition(
    string Name,
    DataType Type,
    bool? Nullable = null,
    Expression? Default = null,
    Expression? OnUpdate = null,
    bool AutoIncrement = false,
    bool PrimaryKey = false,
    bool Unique = false,
    string? Comment = null,
    GeneratedColumn? Generated = null,
    CheckConstraint? Check = null,
    ForeignKeyReference? References = null,
    bool Invisible = false) : TableElement;

public enum IndexKind { Index, Unique, Primary, Fulltext, Spatial }

public enum IndexAlgorithm { Default, BTree, Hash }

/// <summary>A key part: col [(length)] [ASC|DESC], or a functional part ((expr)).</summary>
public sealed record IndexPart(string? Column, int? PrefixLength, Expression? Expression, bool Descending) : SyntaxNode;

/// <summary>PRIMARY KEY / UNIQUE / INDEX / KEY / FULLTEXT / SPATIAL, in a table or in CREATE INDEX.</summary>
/// <param name="ConstraintName">CONSTRAINT [symbol] before PRIMARY KEY / UNIQUE.</param>
public sealed record IndexDefinition(
    IndexKind Kind,
    string? Name,
    ValueList<IndexPart> Parts,
    IndexAlgorithm Algorithm = IndexAlgorithm.Default,
    string? Comment = null,
    bool Invisible = false,
    string? ConstraintName = null) : TableElement;

public enum ReferentialAction { Default, Restrict, Cascade, SetNull, NoAction, SetDefault }

/// <summary>REFERENCES tbl (cols) [ON DELETE action] [ON UPDATE action].</summary>
public sealed record ForeignKeyReference(TableName Table, ValueList<string> Columns, ReferentialAction OnDelete, ReferentialAction OnUpdate) : SyntaxNode;

/// <summary>[CONSTRAINT [symbol]] FOREIGN KEY [index] (cols) REFERENCES ...</summary>
public sealed record ForeignKeyDefinition(string? ConstraintName, string? IndexName, ValueList<string> Columns, ForeignKeyReference References) : TableElement;

/// <summary>[CONSTRAINT [symbol]] CHECK (expr) [[NOT] ENFORCED].</summary>
public sealed record CheckConstraint(string? Name, Expression Condition, bool Enforced = true) : TableElement;

/// <summary>
/// A table option, name canonical and upper-case ("ENGINE", "AUTO_INCREMENT", "CHARACTER SET",
/// "COLLATE", "COMMENT", "ROW_FORMAT", ...); <see cref="Quoted"/> when the value was a string.
/// </summary>
public sealed record TableOption(string Name, string Value, bool Quoted) : SyntaxNode;
