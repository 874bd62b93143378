namespace Borealis.Sql.Syntax;

/// <summary>CREATE DATABASE|SCHEMA [IF NOT EXISTS] name [[DEFAULT] CHARACTER SET cs] [[DEFAULT] COLLATE co].</summary>
public sealed record CreateDatabaseStatement(string Name, bool IfNotExists, string? CharacterSet, string? Collation) : Statement;

/// <summary>ALTER DATABASE [name] [CHARACTER SET cs] [COLLATE co].</summary>
public sealed record AlterDatabaseStatement(string? Name, string? CharacterSet, string? Collation) : Statement;

/// <summary>DROP DATABASE|SCHEMA [IF EXISTS] name.</summary>
public sealed record DropDatabaseStatement(string Name, bool IfExists) : Statement;

public enum DuplicateHandling { Error, Ignore, Replace }

/// <summary>
/// CREATE [TEMPORARY] TABLE [IF NOT EXISTS]: with elements and options; or LIKE another table;
/// or with an AS query (the elements then add or redefine columns).
/// </summary>
public sealed record CreateTableStatement(
    bool Temporary,
    bool IfNotExists,
    TableName Table,
    ValueList<TableElement> Elements,
    ValueList<TableOption> Options,
    TableName? Like = null,
    Query? AsQuery = null,
    DuplicateHandling OnDuplicate = DuplicateHandling.Error) : Statement;

/// <summary>DROP [TEMPORARY] TABLE [IF EXISTS] a, b [RESTRICT|CASCADE].</summary>
public sealed record DropTableStatement(bool Temporary, bool IfExists, ValueList<TableName> Tables) : Statement;

/// <summary>TRUNCATE [TABLE] t.</summary>
public sealed record TruncateTableStatement(TableName Table) : Statement;

public sealed record TableRename(TableName From, TableName To) : SyntaxNode;

/// <summary>RENAME TABLE a TO b, c TO d.</summary>
public sealed record RenameTableStatement(ValueList<TableRename> Renames) : Statement;

/// <summary>CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX name [USING ..] ON t (parts).</summary>
public sealed record CreateIndexStatement(IndexDefinition Index, TableName Table) : Statement;

/// <summary>DROP INDEX name ON t.</summary>
public sealed record DropIndexStatement(string Name, TableName Table) : Statement;

/// <summary>CREATE [OR REPLACE] VIEW name [(cols)] AS query.</summary>
public sealed record CreateViewStatement(bool OrReplace, TableName View, ValueList<string> Columns, Query Query) : Statement;

/// <summary>DROP VIEW [IF EXISTS] a, b.</summary>
public sealed record DropViewStatement(bool IfExists, ValueList<TableName> Views) : Statement;

/// <summary>ALTER TABLE t action, action, ...</summary>
public sealed record AlterTableStatement(TableName Table, ValueList<AlterTableAction> Actions) : Statement;

/// <summary>One comma-separated action of ALTER TABLE.</summary>
public abstract record AlterTableAction : SyntaxNode;

/// <summary>FIRST, or AFTER col, for a column added or moved.</summary>
public sealed record ColumnPosition(string? After) : SyntaxNode
{
    public static ColumnPosition First { get; } = new((string?)null);
}

/// <summary>ADD [COLUMN] def [FIRST|AFTER c]; ADD [COLUMN] (def, def) gives several.</summary>
public sealed record AddColumnsAction(ValueList<ColumnDefinition> Columns, ColumnPosition? Position) : AlterTableAction;

/// <summary>ADD an index, key, foreign key or check constraint.</summary>
public sealed record AddConstraintAction(TableElement Constraint) : AlterTableAction;

/// <summary>DROP [COLUMN] name.</summary>
public sealed record DropColumnAction(string Name) : AlterTableAction;

/// <summary>MODIFY [COLUMN] def [FIRST|AFTER c].</summary>
public sealed record ModifyColumnAction(ColumnDefinition Column, ColumnPosition? Position) : AlterTableAction;

/// <summary>CHANGE [COLUMN] old def [FIRST|AFTER c].</summary>
public sealed record ChangeColumnAction(string OldName, ColumnDefinition Column, ColumnPosition? Position) : AlterTableAction;

/// <summary>ALTER [COLUMN] c SET DEFAULT v | DROP DEFAULT.</summary>
public sealed record AlterColumnDefaultAction(string Column, Expression? Default) : AlterTableAction;

/// <summary>RENAME COLUMN a TO b.</summary>
public sealed record RenameColumnAction(string From, string To) : AlterTableAction;

public enum DroppedKeyKind { Index, PrimaryKey, ForeignKey, Check, Constraint }

/// <summary>DROP {INDEX|KEY} name, DROP PRIMARY KEY, DROP FOREIGN KEY name, DROP CHECK|CONSTRAINT name.</summary>
public sealed record DropKeyAction(DroppedKeyKind Kind, string? Name) : AlterTableAction;

/// <summary>RENAME {INDEX|KEY} a TO b.</summary>
public sealed record RenameIndexAction(string From, string To) : AlterTableAction;

/// <summary>RENAME [TO|AS] new_name.</summary>
public sealed record RenameTableAction(TableName To) : AlterTableAction;

/// <summary>Table options (ENGINE=, AUTO_INCREMENT=, COMMENT=, ...).</summary>
public sealed record TableOptionsAction(ValueList<TableOption> Options) : AlterTableAction;

/// <summary>CONVERT TO CHARACTER SET cs [COLLATE co].</summary>
public sealed record ConvertCharsetAction(string CharacterSet, string? Collation) : AlterTableAction;

/// <summary>DISABLE KEYS / ENABLE KEYS (mysqldump wraps data loads in these).</summary>
public sealed record KeysAction(bool Enable) : AlterTableAction;

/// <summary>ALGORITHM=x or LOCK=x (how the server runs the change; no effect on the result).</summary>
public sealed record AlterOptionAction(string Name, string Value) : AlterTableAction;

/// <summary>FORCE (rebuild the table).</summary>
public sealed record ForceRebuildAction : AlterTableAction;
