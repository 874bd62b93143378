namespace Borealis.Sql.Syntax;

/// <summary>KILL [CONNECTION|QUERY] id.</summary>
public sealed record KillStatement(bool QueryOnly, Expression ConnectionId) : Statement;

public enum TableLockType { Read, ReadLocal, Write, LowPriorityWrite }

public sealed record TableLock(TableName Table, string? Alias, TableLockType Type) : SyntaxNode;

/// <summary>LOCK TABLES t [AS a] READ [LOCAL] | [LOW_PRIORITY] WRITE, ...</summary>
public sealed record LockTablesStatement(ValueList<TableLock> Locks) : Statement;

/// <summary>UNLOCK TABLES.</summary>
public sealed record UnlockTablesStatement : Statement;

/// <summary>
/// FLUSH [LOCAL|NO_WRITE_TO_BINLOG] options. Options are upper-case words ("PRIVILEGES",
/// "LOGS", "BINARY LOGS", "STATUS", "TABLES"); for FLUSH TABLES the tables and WITH READ LOCK.
/// </summary>
public sealed record FlushStatement(bool Local, ValueList<string> Options, ValueList<TableName> Tables, bool WithReadLock) : Statement;

public enum TableMaintenance { Analyze, Optimize, Check, Repair, Checksum }

/// <summary>ANALYZE|OPTIMIZE|CHECK|REPAIR|CHECKSUM TABLE t, ... [options].</summary>
public sealed record TableMaintenanceStatement(TableMaintenance Operation, bool Local, ValueList<TableName> Tables, ValueList<string> Options) : Statement;
