using Borealis.Sql.Printing;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Tests;

/// <summary>The checks every case table runs through.</summary>
internal static class SqlAssert
{
    /// <summary>
    /// Parses <paramref name="sql"/>, checks the canonical print, and checks the round trip:
    /// parsing the print gives an equal tree.
    /// </summary>
    public static Statement Canonical(string sql, string expected)
    {
        var statement = SqlParser.ParseSingle(sql);
        var printed = SqlPrinter.Print(statement);
        Assert.Equal(expected, printed);
        RoundTrips(statement);
        return statement;
    }

    /// <summary>parse(print(tree)) == tree.</summary>
    public static void RoundTrips(Statement statement)
    {
        var printed = SqlPrinter.Print(statement);
        Statement reparsed;
        try
        {
            reparsed = SqlParser.ParseSingle(printed);
        }
        catch (SqlSyntaxException error)
        {
            Assert.Fail($"the canonical print does not parse: {printed}\n{error.Message}");
            throw;
        }
        Assert.True(statement == reparsed, $"round trip changed the tree:\n  printed:   {printed}\n  reprinted: {SqlPrinter.Print(reparsed)}");
    }

    public static void SyntaxError(string sql, string expectedMessage)
    {
        var error = Assert.Throws<SqlSyntaxException>(() => SqlParser.Parse(sql));
        Assert.Equal(expectedMessage, error.Message);
        var (number, state) = expectedMessage switch
        {
            _ when expectedMessage.StartsWith("Every derived table", StringComparison.Ordinal) => (1248, "42000"),
            _ when expectedMessage.StartsWith("Incorrect usage", StringComparison.Ordinal) => (1221, "HY000"),
            _ when expectedMessage.StartsWith("Too high level of nesting", StringComparison.Ordinal) => (1473, "HY000"),
            _ => (1064, "42000"),
        };
        Assert.Equal(number, error.ErrorNumber);
        Assert.Equal(state, error.SqlState);
    }
}
