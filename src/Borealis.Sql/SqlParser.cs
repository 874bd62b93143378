using Borealis.Sql.Parsing;
using Borealis.Sql.Syntax;

namespace Borealis.Sql;

/// <summary>One statement of a text, where it lies in that text, and how many <c>?</c>
/// parameters it has (what COM_STMT_PREPARE answers with).</summary>
public readonly record struct ParsedStatement(Statement Statement, int Start, int Length, int ParameterCount);

/// <summary>
/// Parses MySQL 8 statement text into syntax trees. Several statements separated by ';'
/// (CLIENT_MULTI_STATEMENTS) are parsed one at a time, so an error in the second statement
/// surfaces only after the first has been handed out — as MySQL runs them.
/// </summary>
public static class SqlParser
{
    /// <summary>Parses every statement; throws <see cref="SqlSyntaxException"/> at the first error.</summary>
    public static ValueList<Statement> Parse(string sql, SqlParserOptions? options = null) =>
        ParseEach(sql, options).Select(parsed => parsed.Statement).ToValueList();

    /// <summary>Parses text that must hold exactly one statement.</summary>
    public static Statement ParseSingle(string sql, SqlParserOptions? options = null) => ParseSingleWithPosition(sql, options).Statement;

    /// <summary>Parses text that must hold exactly one statement (a prepared statement), with its parameter count.</summary>
    public static ParsedStatement ParseSingleWithPosition(string sql, SqlParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var parser = new Parser(sql, options ?? SqlParserOptions.Default);
        var first = parser.ParseNextStatement() ?? throw new InvalidOperationException("unreachable: the first statement always exists");
        if (parser.ParseNextStatement() is not null) throw parser.ErrorAtLastStatementStart();
        return first;
    }

    /// <summary>Parses statements lazily, in order.</summary>
    public static IEnumerable<ParsedStatement> ParseEach(string sql, SqlParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var parser = new Parser(sql, options ?? SqlParserOptions.Default);
        while (parser.ParseNextStatement() is { } parsed) yield return parsed;
    }

    /// <summary>Parses one expression (for tests and for DEFAULT/generated column text kept in the catalog).</summary>
    public static Expression ParseExpression(string sql, SqlParserOptions? options = null) =>
        new Parser(sql, options ?? SqlParserOptions.Default).ParseStandaloneExpression();
}
