using Borealis.Sql.Lexing;
using Borealis.Sql.Printing;
using Borealis.Sql.Tests.Cases;

namespace Borealis.Sql.Tests;

/// <summary>The one harness that runs every case table.</summary>
public sealed class CaseTableTests
{
    [Theory, MemberData(nameof(SelectCases.Cases), MemberType = typeof(SelectCases))]
    public void Select(string sql, string canonical) => SqlAssert.Canonical(sql, canonical);

    [Theory, MemberData(nameof(ExpressionCases.Cases), MemberType = typeof(ExpressionCases))]
    public void Expression(string sql, string canonical) => SqlAssert.Canonical(sql, canonical);

    [Theory, MemberData(nameof(DataManipulationCases.Cases), MemberType = typeof(DataManipulationCases))]
    public void DataManipulation(string sql, string canonical) => SqlAssert.Canonical(sql, canonical);

    [Theory, MemberData(nameof(SchemaCases.Cases), MemberType = typeof(SchemaCases))]
    public void Schema(string sql, string canonical) => SqlAssert.Canonical(sql, canonical);

    [Theory, MemberData(nameof(AlterTableCases.Cases), MemberType = typeof(AlterTableCases))]
    public void AlterTable(string sql, string canonical) => SqlAssert.Canonical(sql, canonical);

    [Theory, MemberData(nameof(SessionCases.Cases), MemberType = typeof(SessionCases))]
    public void Session(string sql, string canonical) => SqlAssert.Canonical(sql, canonical);

    [Theory, MemberData(nameof(ShowCases.Cases), MemberType = typeof(ShowCases))]
    public void Show(string sql, string canonical) => SqlAssert.Canonical(sql, canonical);

    [Theory, MemberData(nameof(AccountCases.Cases), MemberType = typeof(AccountCases))]
    public void Account(string sql, string canonical) => SqlAssert.Canonical(sql, canonical);

    [Theory, MemberData(nameof(AdministrationCases.Cases), MemberType = typeof(AdministrationCases))]
    public void Administration(string sql, string canonical) => SqlAssert.Canonical(sql, canonical);

    [Theory, MemberData(nameof(ClientCases.Cases), MemberType = typeof(ClientCases))]
    public void Client(string sql, string canonical)
    {
        // A client's text may hold several statements; the first is the one checked.
        var first = SqlParser.Parse(sql)[0];
        Assert.Equal(canonical, SqlPrinter.Print(first));
        SqlAssert.RoundTrips(first);
    }

    [Theory, MemberData(nameof(ErrorCases.Cases), MemberType = typeof(ErrorCases))]
    public void Error(string sql, string message) => SqlAssert.SyntaxError(sql, message);

    [Theory, MemberData(nameof(PrecedenceCases.Cases), MemberType = typeof(PrecedenceCases))]
    public void Precedence(string expression, string grouped)
    {
        var parsed = SqlParser.ParseExpression(expression);
        Assert.Equal(grouped, SqlPrinter.Print(parsed, fullyParenthesized: true));
        Assert.Equal(parsed, SqlParser.ParseExpression(SqlPrinter.Print(parsed)));
    }

    [Theory, MemberData(nameof(LexerCases.Cases), MemberType = typeof(LexerCases))]
    public void Lexer(string sql, string kinds)
    {
        var lexer = new Lexer(sql, 0, sql.Length, SqlParserOptions.Default);
        var seen = new List<string>();
        for (var token = lexer.Next(); token.Kind != TokenKind.EndOfInput; token = lexer.Next()) seen.Add(token.Kind.ToString());
        Assert.Equal(kinds, string.Join(' ', seen));
    }
}
