using Borealis.Sql.Printing;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Tests;

/// <summary>Texts with several statements, empty texts, comments, version comments and sql_mode flags.</summary>
public sealed class StatementTextTests
{
    [Fact]
    public void Statements_separated_by_semicolons_are_parsed_in_order_with_their_positions()
    {
        const string text = "  select 1;\n  update t set a = 2 ;select 3;  ";
        var parsed = SqlParser.ParseEach(text).ToList();
        Assert.Equal(3, parsed.Count);
        Assert.Equal("select 1", text.Substring(parsed[0].Start, parsed[0].Length));
        Assert.Equal("update t set a = 2", text.Substring(parsed[1].Start, parsed[1].Length));
        Assert.Equal("select 3", text.Substring(parsed[2].Start, parsed[2].Length));
        Assert.IsType<UpdateStatement>(parsed[1].Statement);
    }

    [Fact]
    public void A_later_syntax_error_surfaces_only_after_the_earlier_statements_are_handed_out()
    {
        // MySQL runs statement one of a multi-statement text before it parses statement two.
        using var statements = SqlParser.ParseEach("select 1; selec 2").GetEnumerator();
        Assert.True(statements.MoveNext());
        Assert.IsType<SelectStatement>(statements.Current.Statement);
        var error = Assert.Throws<SqlSyntaxException>(() => statements.MoveNext());
        Assert.Equal("selec 2", error.NearText);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("   ", false)]
    [InlineData(" ;; ", false)]
    [InlineData("-- only a comment", true)]
    [InlineData("/* block */", true)]
    [InlineData("/*M!999999\\- enable the sandbox mode */ ", true)]
    [InlineData("/*!99999 SELECT 1 */", true)]
    public void Text_without_a_statement_is_one_empty_statement(string text, bool hadComment)
    {
        Assert.Equal(new EmptyStatement(hadComment), SqlParser.ParseSingle(text));
    }

    [Fact]
    public void A_comment_after_the_last_statement_is_an_empty_statement_but_blanks_are_not()
    {
        Assert.Equal(2, SqlParser.Parse("select 1; -- done").Count);
        Assert.Single(SqlParser.Parse("select 1;  \n "));
    }

    [Fact]
    public void Parse_single_rejects_a_second_statement()
    {
        var error = Assert.Throws<SqlSyntaxException>(() => SqlParser.ParseSingle("select 1; select 2"));
        Assert.Equal("select 2", error.NearText);
    }

    [Theory]
    [InlineData("select /*!80000 1 + */ 1", "SELECT 1 + 1")]
    [InlineData("select 1 /*!99999 + 1 */", "SELECT 1")]
    [InlineData("select 1 /*!80041 + 1 */", "SELECT 1")]
    [InlineData("select 1 /*!80040 + 1 */", "SELECT 1 + 1")]
    [InlineData("select 1 /*! + 2 */ /*!50700 + 3*/", "SELECT 1 + 2 + 3")]
    [InlineData("select 1 /*M!100100 + 2 */", "SELECT 1")]
    [InlineData("select /*+ MAX_EXECUTION_TIME(10) */ 1", "SELECT 1")]
    [InlineData("CREATE DATABASE /*!32312 IF NOT EXISTS*/ `shop` /*!40100 DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci */",
        "CREATE DATABASE IF NOT EXISTS `shop` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci")]
    public void Version_comments_hold_sql_up_to_the_server_version(string sql, string canonical) => SqlAssert.Canonical(sql, canonical);

    [Fact]
    public void No_backslash_escapes_keeps_backslashes()
    {
        var options = new SqlParserOptions(SqlLexicalModes.NoBackslashEscapes);
        var statement = (SelectStatement)SqlParser.ParseSingle(@"select 'a\n', 'it''s'", options);
        var items = ((SelectSpecification)statement.Query.Body).Items;
        Assert.Equal(new StringLiteral(@"a\n"), ((ExpressionSelectItem)items[0]).Expression);
        Assert.Equal(new StringLiteral("it's"), ((ExpressionSelectItem)items[1]).Expression);
    }

    [Fact]
    public void Ansi_quotes_make_double_quotes_identifiers()
    {
        var options = new SqlParserOptions(SqlLexicalModes.AnsiQuotes);
        Assert.Equal("SELECT `a b` FROM `t`", SqlPrinter.Print(SqlParser.ParseSingle("select \"a b\" from \"t\"", options)));
    }

    [Fact]
    public void Pipes_as_concat_makes_double_pipe_concatenate()
    {
        var options = new SqlParserOptions(SqlLexicalModes.PipesAsConcat);
        Assert.Equal(
            new BinaryExpression(BinaryOperator.Concat, new StringLiteral("a"), new StringLiteral("b")),
            SqlParser.ParseExpression("'a' || 'b'", options));
        Assert.Equal(
            new BinaryExpression(BinaryOperator.Or, new StringLiteral("a"), new StringLiteral("b")),
            SqlParser.ParseExpression("'a' || 'b'"));
    }

    [Fact]
    public void Placeholders_are_numbered_per_statement_in_text_order()
    {
        var statements = SqlParser.Parse("select ?, ?; select ?");
        var first = (SelectSpecification)((SelectStatement)statements[0]).Query.Body;
        var second = (SelectSpecification)((SelectStatement)statements[1]).Query.Body;
        Assert.Equal(new Placeholder(1), ((ExpressionSelectItem)first.Items[1]).Expression);
        Assert.Equal(new Placeholder(0), ((ExpressionSelectItem)second.Items[0]).Expression);
    }

    [Theory]
    [InlineData("SELECT c FROM sbtest1 WHERE id=?", 1)]
    [InlineData("INSERT INTO sbtest1 (id, k, c, pad) VALUES (?, ?, ?, ?)", 4)]
    [InlineData("select 1", 0)]
    [InlineData("select ? from t limit ?, ?", 3)]
    public void A_statement_reports_its_parameter_count(string sql, int count)
    {
        Assert.Equal(count, SqlParser.ParseSingleWithPosition(sql).ParameterCount);
    }

    [Fact]
    public void Syntax_error_carries_mysql_error_number_and_state()
    {
        var error = Assert.Throws<SqlSyntaxException>(() => SqlParser.Parse("select * from\nwhere"));
        Assert.Equal(1064, error.ErrorNumber);
        Assert.Equal("42000", error.SqlState);
        Assert.Equal(2, error.Line);
        Assert.Equal("where", error.NearText);
    }
}
