namespace Borealis.Sql.Execution.Tests.Cases;

/// <summary>Expression evaluation with MySQL's coercions (no table needed).</summary>
public static class ExpressionCases
{
    public static readonly SqlCase[] All =
    [
        SqlCase.Rows_("integer arithmetic", [], "SELECT 1 + 2, 7 - 10, 6 * 7, 7 DIV 2, 7 % 3, -7 % 3", "3 | -3 | 42 | 3 | 1 | -1"),
        SqlCase.Rows_("division is decimal with four more digits", [], "SELECT 5 / 2, 1 / 3, 1.5 / 2", "2.5000 | 0.3333 | 0.75000"),
        SqlCase.Rows_("division by zero is null", [], "SELECT 1 / 0, 1 DIV 0, 1 % 0", "NULL | NULL | NULL"),
        SqlCase.Rows_("decimal arithmetic is exact", [], "SELECT 0.1 + 0.2, 1.10 * 3", "0.3 | 3.30"),
        SqlCase.Rows_("double arithmetic", [], "SELECT 1e0 + 0.5", "1.5"),
        SqlCase.Rows_("strings compare to numbers as numbers", [], "SELECT 1 = '1', '10' > 9, 'abc' = 0", "1 | 1 | 1"),
        SqlCase.Rows_("strings compare under the collation", [], "SELECT 'a' = 'A', 'a' < 'B', 'é' = 'e'", "1 | 1 | 1"),
        SqlCase.Rows_("string arithmetic uses the leading number", [], "SELECT '3abc' + 1, '1.5' * 2", "4 | 3"),
        SqlCase.Rows_("null propagation", [], "SELECT NULL + 1, NULL = NULL, NULL <=> NULL, 1 <=> NULL", "NULL | NULL | 1 | 0"),
        SqlCase.Rows_("three-valued logic", [], "SELECT NULL AND 0, NULL OR 1, NULL AND 1, NOT NULL", "0 | 1 | NULL | NULL"),
        SqlCase.Rows_("in with null", [], "SELECT 1 IN (1, NULL), 2 IN (1, NULL), 2 NOT IN (1, 3)", "1 | NULL | 1"),
        SqlCase.Rows_("between", [], "SELECT 5 BETWEEN 1 AND 10, 'b' BETWEEN 'a' AND 'c', 5 NOT BETWEEN 1 AND 3", "1 | 1 | 1"),
        SqlCase.Rows_("like with escape", [], @"SELECT 'a%b' LIKE 'a\%b', 'axb' LIKE 'a\%b', 'ABC' LIKE 'a%'", "1 | 0 | 1"),
        SqlCase.Rows_("is true and is null", [], "SELECT 0 IS FALSE, 2 IS TRUE, NULL IS NULL, 1 IS NOT NULL", "1 | 1 | 1 | 1"),
        SqlCase.Rows_("functions", [], "SELECT COALESCE(NULL, 2), IFNULL(NULL, 'x'), IF(1 > 0, 'y', 'n'), UPPER('abc'), LENGTH('héllo'), CHAR_LENGTH('héllo'), ABS(-3)",
            "2 | x | y | ABC | 6 | 5 | 3"),
        SqlCase.Rows_("case", [], "SELECT CASE WHEN 1 > 2 THEN 'a' WHEN 2 > 1 THEN 'b' END, CASE 3 WHEN 1 THEN 'one' ELSE 'other' END", "b | other"),
        SqlCase.Rows_("unary minus", [], "SELECT -(2), - -3, -1.5", "-2 | 3 | -1.5"),
        SqlCase.Fails("bigint overflow", [], "SELECT 9223372036854775807 + 1", 1690),
        SqlCase.Fails("unsigned underflow", [], "SELECT CAST(0 AS UNSIGNED) - 1", 1690),
        SqlCase.Rows_("cast", [], "SELECT CAST('12abc' AS SIGNED), CAST(-1 AS UNSIGNED), CAST(1.5 AS SIGNED), CAST(12 AS CHAR), CAST('1.235' AS DECIMAL(5,2)), CAST('2024-01-02 03:04:05' AS DATE)",
            "12 | 18446744073709551615 | 2 | 12 | 1.24 | 2024-01-02 00:00:00"),
        SqlCase.Fails("cast to json answers 1235", [], "SELECT CAST('1' AS JSON)", 1235),
        SqlCase.Rows_("user variables", ["SET @a = 5"], "SELECT @a * 2, @nothing", "10 | NULL") with { Prepared = false },
    ];
}
