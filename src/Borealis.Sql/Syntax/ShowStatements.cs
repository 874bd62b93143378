namespace Borealis.Sql.Syntax;

/// <summary>What a SHOW statement lists.</summary>
public enum ShowTarget
{
    Databases, Tables, Columns, Indexes, CreateTable, CreateDatabase, CreateView, CreateUser,
    Variables, Status, ProcessList, Warnings, Errors, WarningCount, ErrorCount, Grants, Engines,
    CharacterSets, Collations, TableStatus, OpenTables, Triggers, Events, FunctionStatus,
    ProcedureStatus, PackageStatus, PackageBodyStatus, CreateTrigger, CreateProcedure, CreateFunction,
    CreateEvent, Privileges, Plugins, MasterStatus, BinaryLogStatus, BinaryLogs, ReplicaStatus,
    EngineStatus,
}

/// <summary>LIKE 'pattern' or WHERE condition after SHOW.</summary>
public sealed record ShowFilter(string? Like, Expression? Where) : SyntaxNode;

/// <summary>
/// Any SHOW statement. Which fields are used depends on <see cref="Target"/>: the object
/// (table, view, database name in <see cref="Object"/>.Name), FROM db, LIKE/WHERE, LIMIT,
/// FOR user, FULL, GLOBAL/SESSION.
/// </summary>
public sealed record ShowStatement(
    ShowTarget Target,
    bool Full = false,
    VariableScope Scope = VariableScope.Default,
    TableName? Object = null,
    string? Database = null,
    ShowFilter? Filter = null,
    LimitClause? Limit = null,
    UserName? User = null,
    bool IfNotExists = false,
    string? Engine = null) : Statement;

/// <summary>DESCRIBE|DESC|EXPLAIN table [column or wildcard].</summary>
public sealed record DescribeTableStatement(TableName Table, string? Column) : Statement;

/// <summary>EXPLAIN [ANALYZE] [FORMAT=x] statement.</summary>
public sealed record ExplainStatement(Statement Statement, string? Format, bool Analyze) : Statement;
