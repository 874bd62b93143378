using Borealis.Sql.Printing;
using Borealis.Sql.Tests.Cases;

namespace Borealis.Sql.Tests;

/// <summary>
/// Text from the network never makes the parser fail in any way but a
/// <see cref="SqlSyntaxException"/>: every valid case, cut short at every character and with
/// pieces dropped or swapped (seeded, so a failure replays), either parses or is a syntax error.
/// </summary>
public sealed class HostileInputTests
{
    private static IEnumerable<string> AllCaseTexts()
    {
        IEnumerable<TheoryData<string, string>> tables =
        [
            SelectCases.Cases, ExpressionCases.Cases, DataManipulationCases.Cases, SchemaCases.Cases, AlterTableCases.Cases,
            SessionCases.Cases, ShowCases.Cases, AccountCases.Cases, AdministrationCases.Cases, SysbenchCases.Cases, ErrorCases.Cases, ClientCases.Cases,
        ];
        foreach (var table in tables)
        {
            foreach (var row in table) yield return (string)row[0];
        }
    }

    [Fact]
    public void Every_prefix_of_every_case_parses_or_is_a_syntax_error()
    {
        foreach (var text in AllCaseTexts())
        {
            for (var length = 0; length <= text.Length; length++) ParseOrSyntaxError(text[..length]);
        }
    }

    [Fact]
    public void Mutated_cases_parse_or_are_syntax_errors()
    {
        var random = new Random(20260125);
        string[] inserts = ["(", ")", ",", "'", "`", "\"", "*", "?", "@", "@@", ".", ";", " select ", " not ", " in ", " /*!", "*/", "-- ", "\n", "x'", "_utf8mb4", "=", "0x", "1e", "\\"];
        foreach (var text in AllCaseTexts())
        {
            for (var round = 0; round < 20; round++)
            {
                var mutated = text;
                var position = random.Next(mutated.Length + 1);
                switch (random.Next(3))
                {
                    case 0:
                        mutated = mutated.Insert(position, inserts[random.Next(inserts.Length)]);
                        break;
                    case 1 when mutated.Length > 0:
                        var count = Math.Min(random.Next(1, 8), mutated.Length - Math.Min(position, mutated.Length - 1));
                        mutated = mutated.Remove(Math.Min(position, mutated.Length - 1), Math.Max(count, 0));
                        break;
                    default:
                        var other = random.Next(mutated.Length + 1);
                        var (from, to) = position < other ? (position, other) : (other, position);
                        mutated = mutated[..from] + mutated[to..] + mutated[from..to];
                        break;
                }
                ParseOrSyntaxError(mutated);
            }
        }
    }

    private static void ParseOrSyntaxError(string text)
    {
        try
        {
            foreach (var statement in SqlParser.Parse(text))
            {
                // Whatever parses also prints and parses back to the same tree.
                var printed = SqlPrinter.Print(statement);
                Assert.True(statement == SqlParser.ParseSingle(printed), $"round trip of {text} via {printed}");
            }
        }
        catch (SqlSyntaxException)
        {
        }
        catch (Exception error) when (error is not Xunit.Sdk.XunitException)
        {
            Assert.Fail($"{error.GetType().Name} for text: {text}\n{error}");
        }
    }
}
