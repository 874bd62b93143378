namespace Borealis.Engine.Transactions;

/// <summary>InnoDB's four levels, with InnoDB's meaning (see docs/engine.md, Transactions).</summary>
public enum IsolationLevel
{
    ReadUncommitted,
    ReadCommitted,
    RepeatableRead,
    Serializable,
}
