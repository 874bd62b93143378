namespace Borealis.Sql;

/// <summary>
/// A statement MySQL would reject with ER_PARSE_ERROR. The message has MySQL's exact shape
/// because clients and tests match on it: the text from the offending token on (at most 80
/// characters, as MySQL's <c>%-.80s</c>) and the line of that token.
/// </summary>
public sealed class SqlSyntaxException : Exception
{
    /// <summary>ER_PARSE_ERROR.</summary>
    public const int ParseErrorNumber = 1064;

    /// <summary>SQLSTATE of ER_PARSE_ERROR: syntax error or access rule violation.</summary>
    public const string ParseErrorSqlState = "42000";

    private const int NearTextMaxChars = 80;

    public SqlSyntaxException(string nearText, int line)
        : this(FormatMessage(nearText, line), nearText, line)
    {
    }

    private SqlSyntaxException(string message, string nearText, int line)
        : base(message)
    {
        NearText = nearText;
        Line = line;
    }

    public SqlSyntaxException() : this("", 1) { }

    public SqlSyntaxException(string message) : base(message) { NearText = ""; Line = 1; }

    public SqlSyntaxException(string message, Exception innerException) : base(message, innerException) { NearText = ""; Line = 1; }

    public int ErrorNumber => ParseErrorNumber;

    public string SqlState => ParseErrorSqlState;

    /// <summary>The statement text from the offending token on, already cut to 80 characters.</summary>
    public string NearText { get; }

    /// <summary>The 1-based line of the offending token.</summary>
    public int Line { get; }

    /// <summary>Builds the exception for an error at <paramref name="offset"/> of <paramref name="sql"/>,
    /// whose statement text ends at <paramref name="end"/> (MySQL drops trailing blanks and semicolons).</summary>
    public static SqlSyntaxException At(string sql, int offset, int end, int line)
    {
        var rest = offset >= end ? [] : sql.AsSpan(offset, end - offset);
        if (rest.Length > NearTextMaxChars)
        {
            var cut = NearTextMaxChars;
            // Never split a surrogate pair: MySQL counts characters, not UTF-16 units.
            if (char.IsHighSurrogate(rest[cut - 1])) cut--;
            rest = rest[..cut];
        }
        return new SqlSyntaxException(rest.ToString(), line);
    }

    /// <summary>
    /// Nesting too deep to parse. MySQL's parser stack runs out the same way and answers 1064
    /// with bison's "memory exhausted" in place of the usual sentence.
    /// </summary>
    public static SqlSyntaxException MemoryExhausted(string sql, int offset, int end, int line)
    {
        var near = At(sql, offset, end, line).NearText;
        return new SqlSyntaxException($"memory exhausted near '{near}' at line {line}", near, line);
    }

    private static string FormatMessage(string nearText, int line) =>
        "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version " +
        $"for the right syntax to use near '{nearText}' at line {line}";
}
