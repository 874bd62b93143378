namespace Borealis.Sql;

/// <summary>
/// A statement MySQL rejects while parsing. Mostly ER_PARSE_ERROR (1064), whose message has
/// MySQL's exact shape because clients and tests match on it: the text from the offending
/// token on (at most 80 characters, MySQL's <c>%-.80s</c>) and the line of that token. A few
/// other errors that MySQL raises from its grammar actions (1248, 1221, 1473) come here too.
/// </summary>
public sealed class SqlSyntaxException : Exception
{
    /// <summary>ER_PARSE_ERROR.</summary>
    public const int ParseErrorNumber = 1064;

    /// <summary>SQLSTATE of ER_PARSE_ERROR: syntax error or access rule violation.</summary>
    public const string ParseErrorSqlState = "42000";

    /// <summary>ER_DERIVED_MUST_HAVE_ALIAS.</summary>
    public const int DerivedTableAliasErrorNumber = 1248;

    /// <summary>ER_WRONG_USAGE.</summary>
    public const int WrongUsageErrorNumber = 1221;

    /// <summary>ER_TOO_HIGH_LEVEL_OF_NESTING_FOR_SELECT.</summary>
    public const int SelectNestingErrorNumber = 1473;

    private const int NearTextMaxChars = 80;

    public SqlSyntaxException() : this(ParseErrorNumber, ParseErrorSqlState, FormatMessage("", 1), "", 1) { }

    public SqlSyntaxException(string message) : this(ParseErrorNumber, ParseErrorSqlState, message, "", 1) { }

    public SqlSyntaxException(string message, Exception innerException) : base(message, innerException)
    {
        ErrorNumber = ParseErrorNumber;
        SqlState = ParseErrorSqlState;
        NearText = "";
        Line = 1;
    }

    private SqlSyntaxException(int errorNumber, string sqlState, string message, string nearText, int line) : base(message)
    {
        ErrorNumber = errorNumber;
        SqlState = sqlState;
        NearText = nearText;
        Line = line;
    }

    /// <summary>The MySQL error number for the ERR packet.</summary>
    public int ErrorNumber { get; }

    /// <summary>The SQLSTATE for the ERR packet.</summary>
    public string SqlState { get; }

    /// <summary>For 1064: the statement text from the offending token on, already cut to 80 characters.</summary>
    public string NearText { get; }

    /// <summary>For 1064: the 1-based line of the offending token.</summary>
    public int Line { get; }

    /// <summary>ER_PARSE_ERROR at <paramref name="offset"/> of <paramref name="sql"/>, whose statement
    /// text ends at <paramref name="end"/> (MySQL drops trailing blanks and semicolons).</summary>
    public static SqlSyntaxException At(string sql, int offset, int end, int line)
    {
        var near = NearTextAt(sql, offset, end);
        return new SqlSyntaxException(ParseErrorNumber, ParseErrorSqlState, FormatMessage(near, line), near, line);
    }

    /// <summary>
    /// Nesting too deep to parse. MySQL's parser stack runs out the same way and answers 1064
    /// with bison's "memory exhausted" in place of the usual sentence.
    /// </summary>
    public static SqlSyntaxException MemoryExhausted(string sql, int offset, int end, int line)
    {
        var near = NearTextAt(sql, offset, end);
        return new SqlSyntaxException(ParseErrorNumber, ParseErrorSqlState, $"memory exhausted near '{near}' at line {line}", near, line);
    }

    /// <summary>A derived table (subquery in FROM) without an alias.</summary>
    public static SqlSyntaxException DerivedTableWithoutAlias() =>
        new(DerivedTableAliasErrorNumber, "42000", "Every derived table must have its own alias", "", 1);

    /// <summary>ER_WRONG_USAGE, e.g. "Incorrect usage of UPDATE and ORDER BY" for a multi-table UPDATE.</summary>
    public static SqlSyntaxException WrongUsage(string first, string second) =>
        new(WrongUsageErrorNumber, "HY000", $"Incorrect usage of {first} and {second}", "", 1);

    /// <summary>More query blocks nested in each other than MySQL allows (64).</summary>
    public static SqlSyntaxException SelectNestedTooDeeply() =>
        new(SelectNestingErrorNumber, "HY000", "Too high level of nesting for select", "", 1);

    private static string NearTextAt(string sql, int offset, int end)
    {
        var rest = offset >= end ? [] : sql.AsSpan(offset, end - offset);
        if (rest.Length > NearTextMaxChars)
        {
            var cut = NearTextMaxChars;
            // Never split a surrogate pair: MySQL counts characters, not UTF-16 units.
            if (char.IsHighSurrogate(rest[cut - 1])) cut--;
            rest = rest[..cut];
        }
        return rest.ToString();
    }

    private static string FormatMessage(string nearText, int line) =>
        "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version " +
        $"for the right syntax to use near '{nearText}' at line {line}";
}
