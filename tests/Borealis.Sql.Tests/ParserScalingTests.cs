using System.Diagnostics;
using System.Text;

namespace Borealis.Sql.Tests;

/// <summary>The parser is linear in the text: a bulk INSERT the size sysbench prepare sends parses quickly.</summary>
public sealed class ParserScalingTests
{
    private static string BulkInsert(int rows)
    {
        var text = new StringBuilder("INSERT INTO sbtest1(k, c, pad) VALUES");
        for (var i = 0; i < rows; i++)
        {
            if (i > 0) text.Append(',');
            text.Append('(').Append(i).Append(", '68487932199-96439406143-93774651418-41631865787-96406072701-20604855487', '22195207048-70116052123-74140395089')");
        }
        return text.ToString();
    }

    [Fact]
    public void Large_bulk_insert_parses_in_linear_time()
    {
        SqlParser.ParseSingle(BulkInsert(1_000));
        // The best of three runs of each size filters out other processes on a shared machine.
        var smallText = BulkInsert(10_000);
        var largeText = BulkInsert(80_000);
        var small = Enumerable.Range(0, 3).Select(_ => Time(smallText)).Min();
        var large = Enumerable.Range(0, 3).Select(_ => Time(largeText)).Min();
        // 8x the rows: linear is ~8x; a quadratic parser would be ~64x. The bound leaves room for a noisy machine.
        Assert.True(large < small * 24 + TimeSpan.FromMilliseconds(200), $"10k rows {small.TotalMilliseconds} ms, 80k rows {large.TotalMilliseconds} ms");
        Assert.True(large < TimeSpan.FromSeconds(30), $"80k rows took {large}");
    }

    [Fact]
    public void Deeply_nested_parentheses_parse()
    {
        var depth = 900;
        var sql = "select " + new string('(', depth) + "1" + new string(')', depth);
        Assert.IsType<Syntax.SelectStatement>(SqlParser.ParseSingle(sql));
    }

    [Theory]
    [InlineData("select ", "(", "1")]
    [InlineData("select ", "-", "1")]
    [InlineData("select ", "not ", "1")]
    [InlineData("select * from ", "(", "t")]
    public void Hostile_nesting_is_a_syntax_error_not_a_stack_overflow(string head, string repeated, string tail)
    {
        var sql = head + string.Concat(Enumerable.Repeat(repeated, 100_000)) + tail;
        var error = Assert.Throws<SqlSyntaxException>(() => SqlParser.Parse(sql));
        Assert.StartsWith("memory exhausted near '", error.Message, StringComparison.Ordinal);
        Assert.Equal(1064, error.ErrorNumber);
    }

    [Fact]
    public void Query_blocks_nest_up_to_mysqls_limit_of_64()
    {
        static string Nested(int blocks) => "select 1 from t where a in " + string.Concat(Enumerable.Repeat("(select a from t where a in ", blocks - 1)) + "(1)" + new string(')', blocks - 1);
        Assert.IsType<Syntax.SelectStatement>(SqlParser.ParseSingle(Nested(64)));
        var error = Assert.Throws<SqlSyntaxException>(() => SqlParser.ParseSingle(Nested(65)));
        Assert.Equal(1473, error.ErrorNumber);
        Assert.Equal("Too high level of nesting for select", error.Message);
    }

    private static TimeSpan Time(string sql)
    {
        var watch = Stopwatch.StartNew();
        var statement = (Syntax.InsertStatement)SqlParser.ParseSingle(sql);
        watch.Stop();
        Assert.NotNull(statement);
        return watch.Elapsed;
    }
}
