namespace Borealis.Engine.Locks;

/// <summary>
/// ER_LOCK_WAIT_TIMEOUT: a lock was not granted within the wait's timeout
/// (innodb_lock_wait_timeout). InnoDB rolls back only the statement by default
/// (innodb_rollback_on_timeout=OFF), so the transaction keeps the locks it already holds.
/// </summary>
public sealed class LockWaitTimeoutException : EngineException
{
    public const int Number = 1205;
    public const string State = "HY000";
    public const string Text = "Lock wait timeout exceeded; try restarting transaction";

    public LockWaitTimeoutException() : base(Number, State, Text) { }
}
