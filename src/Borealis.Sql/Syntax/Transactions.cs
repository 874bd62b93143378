namespace Borealis.Sql.Syntax;

[Flags]
public enum TransactionCharacteristics
{
    None = 0,
    ReadOnly = 1,
    ReadWrite = 2,
    WithConsistentSnapshot = 4,
}

/// <summary>BEGIN [WORK] or START TRANSACTION [characteristics].</summary>
public sealed record StartTransactionStatement(TransactionCharacteristics Characteristics) : Statement;

/// <summary>COMMIT [WORK].</summary>
public sealed record CommitStatement : Statement;

/// <summary>ROLLBACK [WORK] [TO [SAVEPOINT] name].</summary>
public sealed record RollbackStatement(string? ToSavepoint) : Statement;

/// <summary>SAVEPOINT name.</summary>
public sealed record SavepointStatement(string Name) : Statement;

/// <summary>RELEASE SAVEPOINT name.</summary>
public sealed record ReleaseSavepointStatement(string Name) : Statement;

public enum IsolationLevel { ReadUncommitted, ReadCommitted, RepeatableRead, Serializable }

/// <summary>SET [GLOBAL|SESSION] TRANSACTION ISOLATION LEVEL x, READ ONLY|READ WRITE.</summary>
public sealed record SetTransactionStatement(VariableScope Scope, IsolationLevel? IsolationLevel, bool? ReadOnly) : Statement;
