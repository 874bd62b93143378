using System.Globalization;

namespace Borealis.MySql;

/// <summary>
/// An error to answer the client with (an ERR packet); the connection stays open. Thrown by a
/// session (the SQL layer) or by the protocol layer; the number, SQLSTATE and text come from
/// <see cref="MySqlErrors"/> so every path answers exactly as MySQL does.
/// </summary>
public sealed class MySqlErrorException : Exception
{
    public MySqlErrorException(MySqlErrorCode code, params object?[] args)
        : base(Format(code, args))
    {
        Code = code;
        SqlState = MySqlErrors.Get(code).SqlState;
    }

    public MySqlErrorException() : this(MySqlErrorCode.UnknownError) { }

    /// <summary>
    /// An error whose number, SQLSTATE and text were decided elsewhere (the parser's 1064 with its
    /// "near" text, the engine's 1213/1205): passed to the client as they are.
    /// </summary>
    public MySqlErrorException(int number, string sqlState, string message) : base(message)
    {
        Code = (MySqlErrorCode)number;
        SqlState = sqlState;
    }

    public MySqlErrorException(string message) : base(message)
    {
        Code = MySqlErrorCode.UnknownError;
        SqlState = "HY000";
    }

    public MySqlErrorException(string message, Exception innerException) : base(message, innerException)
    {
        Code = MySqlErrorCode.UnknownError;
        SqlState = "HY000";
    }

    public MySqlErrorCode Code { get; }

    public string SqlState { get; }

    /// <summary>When set, the connection is closed after the error is sent (as MySQL does for 1153 and 1156).</summary>
    public bool ClosesConnection { get; init; }

    public static string Format(MySqlErrorCode code, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, MySqlErrors.Get(code).Template, args);
}
