namespace Borealis.Engine;

/// <summary>
/// An error the engine reports to a client: it carries the MySQL error number and SQLSTATE
/// the SQL layer puts into the ERR packet, so clients and ORMs can branch on them exactly as
/// they do against MySQL. The session stays usable; what the transaction must do next
/// (for example roll back after a deadlock) is the subclass's to say.
/// </summary>
public abstract class EngineException : Exception
{
    protected EngineException(int errorNumber, string sqlState, string message)
        : base(message)
    {
        ErrorNumber = errorNumber;
        SqlState = sqlState;
    }

    protected EngineException(int errorNumber, string sqlState, string message, Exception inner)
        : base(message, inner)
    {
        ErrorNumber = errorNumber;
        SqlState = sqlState;
    }

    /// <summary>The MySQL error number, e.g. 1213 for ER_LOCK_DEADLOCK.</summary>
    public int ErrorNumber { get; }

    /// <summary>The five-character SQLSTATE, e.g. "40001".</summary>
    public string SqlState { get; }
}
