using Borealis.Sql.Syntax;
using EngineTransaction = Borealis.Engine.Transactions.Transaction;

namespace Borealis.Sql.Execution;

public sealed partial class SqlSession
{
    private string? _nextIsolation;
    private bool? _nextReadOnly;

    /// <summary>Whether the running statement has started its part of the transaction (and may have written).</summary>
    private bool _statementStarted;

    /// <summary>
    /// The transaction a statement runs in: the open one, or a new one. With autocommit off a
    /// new one stays open after the statement (MySQL's implicit transaction start).
    /// </summary>
    internal EngineTransaction Transaction()
    {
        if (_trx is null)
        {
            var isolation = _nextIsolation ?? Variables.Get("transaction_isolation", VariableScope.Session).ToText();
            var readOnly = _nextReadOnly ?? Variables.Get("transaction_read_only", VariableScope.Session).ToBool() == true;
            _nextIsolation = null;
            _nextReadOnly = null;
            _trx = _catalog.Database.Begin(ToEngine(isolation), readOnly);
            if (!Variables.Autocommit) _explicit = true;
        }
        if (!_statementStarted)
        {
            _trx.StartStatement();
            _statementStarted = true;
        }
        return _trx;
    }

    /// <summary>After a statement succeeded: commit when it ran in its own (autocommit) transaction.</summary>
    internal async ValueTask EndStatementAsync(CancellationToken cancellationToken)
    {
        if (_explicit || _trx is null) return;
        var trx = _trx;
        _trx = null;
        try { await trx.CommitAsync(cancellationToken).ConfigureAwait(false); }
        finally { await trx.DisposeAsync().ConfigureAwait(false); }
    }

    private void FailStatement()
    {
        if (_trx is null) return;
        if (_explicit)
        {
            // Only this statement's writes go; one that failed before touching the transaction
            // (an unknown table, say) must not undo the statement before it.
            if (_trx.State != Engine.Transactions.TransactionState.Active) RollbackTransaction();
            else if (_statementStarted) _trx.RollbackStatement();
        }
        else RollbackTransaction();
    }

    internal void RollbackTransaction()
    {
        _trx?.Rollback();
        _trx = null;
        _explicit = false;
    }

    private async ValueTask BeginAsync(StartTransactionStatement start, CancellationToken cancellationToken)
    {
        // BEGIN commits an open transaction first, as MySQL does.
        await CommitAsync(cancellationToken).ConfigureAwait(false);
        var isolation = _nextIsolation ?? Variables.Get("transaction_isolation", VariableScope.Session).ToText();
        var readOnly = (start.Characteristics & TransactionCharacteristics.ReadOnly) != 0
            || ((start.Characteristics & TransactionCharacteristics.ReadWrite) == 0
                && (_nextReadOnly ?? Variables.Get("transaction_read_only", VariableScope.Session).ToBool() == true));
        _nextIsolation = null;
        _nextReadOnly = null;
        _trx = _catalog.Database.Begin(ToEngine(isolation), readOnly);
        _explicit = true;
    }

    internal async ValueTask CommitAsync(CancellationToken cancellationToken)
    {
        var trx = _trx;
        _trx = null;
        _explicit = false;
        if (trx is null) return;
        try { await trx.CommitAsync(cancellationToken).ConfigureAwait(false); }
        finally { await trx.DisposeAsync().ConfigureAwait(false); }
    }

    private void Rollback(RollbackStatement rollback)
    {
        if (rollback.ToSavepoint is { } name)
        {
            Transaction().RollbackToSavepoint(name);
            return;
        }
        RollbackTransaction();
    }

    private void SetTransaction(SetTransactionStatement set)
    {
        if (set.ReadOnly is { } readOnly)
        {
            // Without SESSION or GLOBAL: the next transaction only, as MySQL.
            if (set.Scope == VariableScope.Default) _nextReadOnly = readOnly;
            else Variables.Set("transaction_read_only", Values.SqlValue.FromInt(readOnly ? 1 : 0), set.Scope);
        }
        if (set.IsolationLevel is not { } level) return;
        var text = level switch
        {
            IsolationLevel.ReadUncommitted => "READ-UNCOMMITTED",
            IsolationLevel.ReadCommitted => "READ-COMMITTED",
            IsolationLevel.Serializable => "SERIALIZABLE",
            _ => "REPEATABLE-READ",
        };
        // Without SESSION or GLOBAL it applies to the next transaction only.
        if (set.Scope == VariableScope.Default) _nextIsolation = text;
        else Variables.Set("transaction_isolation", Values.SqlValue.FromString(text), set.Scope);
    }
}
