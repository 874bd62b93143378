namespace Borealis.Engine;

/// <summary>
/// An error the engine reports to its caller with the MySQL error number and SQLSTATE that
/// MySQL (InnoDB) uses for the same case, so the SQL layer answers with exactly those.
/// </summary>
public class EngineException : Exception
{
    public EngineException() : this(1105, "HY000", "unknown engine error") { }

    public EngineException(string message) : this(1105, "HY000", message) { }

    public EngineException(string message, Exception innerException) : base(message, innerException)
    {
        ErrorNumber = 1105;
        SqlState = "HY000";
    }

    public EngineException(int errorNumber, string sqlState, string message, Exception? innerException = null) : base(message, innerException)
    {
        ErrorNumber = errorNumber;
        SqlState = sqlState;
    }

    /// <summary>MySQL's error number (for example 1213 for a deadlock).</summary>
    public int ErrorNumber { get; }

    /// <summary>The five-character SQLSTATE MySQL sends with it.</summary>
    public string SqlState { get; }
}
