namespace Borealis.Engine.Locks;

/// <summary>
/// ER_LOCK_DEADLOCK: this transaction's lock wait closed a cycle in the wait-for graph and
/// it is the youngest transaction of the cycle. The caller must roll the whole transaction
/// back (which releases its locks), as InnoDB does; the other transactions of the cycle go on.
/// </summary>
public sealed class LockDeadlockException : EngineException
{
    public const int Number = 1213;
    public const string State = "40001";
    public const string Text = "Deadlock found when trying to get lock; try restarting transaction";

    public LockDeadlockException() : base(Number, State, Text) { }
}
