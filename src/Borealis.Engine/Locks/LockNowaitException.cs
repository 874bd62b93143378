namespace Borealis.Engine.Locks;

/// <summary>ER_LOCK_NOWAIT: a NOWAIT locking read met a conflicting lock.</summary>
public sealed class LockNowaitException : EngineException
{
    public const int Number = 3572;
    public const string State = "HY000";
    public const string Text = "Statement aborted because lock(s) could not be acquired immediately and NOWAIT is set.";

    public LockNowaitException() : base(Number, State, Text) { }
}
