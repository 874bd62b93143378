namespace Borealis.Sql.Execution.Tests.Cases;

/// <summary>SELECT: WHERE, ORDER BY, LIMIT, GROUP BY with aggregates, key access, projections.</summary>
public static class SelectCases
{
    private const string Fruit = "CREATE TABLE fruit (id INT PRIMARY KEY, name VARCHAR(10), kind VARCHAR(10), price DECIMAL(5,2))";
    private const string Rows = "INSERT INTO fruit VALUES (1, 'apple', 'tree', 1.50), (2, 'pear', 'tree', 2.00), (3, 'grape', 'vine', 3.25), (4, 'kiwi', 'vine', NULL), (5, 'fig', 'tree', 0.75)";

    public static readonly SqlCase[] All =
    [
        SqlCase.Rows_("point lookup on the primary key", [Fruit, Rows], "SELECT name FROM fruit WHERE id = 3", "grape"),
        SqlCase.Rows_("point lookup with a string constant", [Fruit, Rows], "SELECT name FROM fruit WHERE id = '3'", "grape"),
        SqlCase.Rows_("point lookup with an inexact constant finds nothing", [Fruit, Rows], "SELECT name FROM fruit WHERE id = 2.5"),
        SqlCase.Rows_("range on the primary key", [Fruit, Rows], "SELECT id FROM fruit WHERE id > 2 AND id <= 4", "3", "4"),
        SqlCase.Rows_("between on the primary key", [Fruit, Rows], "SELECT id FROM fruit WHERE id BETWEEN 2 AND 3", "2", "3"),
        SqlCase.Rows_("range with a fractional bound", [Fruit, Rows], "SELECT id FROM fruit WHERE id > 3.5", "4", "5"),
        SqlCase.Rows_("mirrored comparison", [Fruit, Rows], "SELECT id FROM fruit WHERE 2 >= id", "1", "2"),
        SqlCase.Rows_("full scan with a filter", [Fruit, Rows], "SELECT name FROM fruit WHERE kind = 'vine'", "grape", "kiwi"),
        SqlCase.Rows_("case-insensitive comparison", [Fruit, Rows], "SELECT id FROM fruit WHERE name = 'APPLE'", "1"),
        SqlCase.Rows_("like", [Fruit, Rows], "SELECT name FROM fruit WHERE name LIKE '%p%'", "apple", "pear", "grape"),
        SqlCase.Rows_("not like with underscore", [Fruit, Rows], "SELECT name FROM fruit WHERE name NOT LIKE '_i%'", "apple", "pear", "grape"),
        SqlCase.Rows_("in list", [Fruit, Rows], "SELECT id FROM fruit WHERE name IN ('fig', 'kiwi', 'none')", "4", "5"),
        SqlCase.Rows_("is null", [Fruit, Rows], "SELECT name FROM fruit WHERE price IS NULL", "kiwi"),
        SqlCase.Rows_("is not null and or", [Fruit, Rows], "SELECT id FROM fruit WHERE price IS NOT NULL AND (price < 1 OR price > 3)", "3", "5"),
        SqlCase.Rows_("not", [Fruit, Rows], "SELECT id FROM fruit WHERE NOT kind = 'tree'", "3", "4"),
        SqlCase.Rows_("order by desc with nulls last", [Fruit, Rows], "SELECT name FROM fruit ORDER BY price DESC", "grape", "pear", "apple", "fig", "kiwi"),
        SqlCase.Rows_("order by two keys", [Fruit, Rows], "SELECT name FROM fruit ORDER BY kind, name DESC", "pear", "fig", "apple", "kiwi", "grape"),
        SqlCase.Rows_("order by alias and position", [Fruit, Rows], "SELECT name AS n, id FROM fruit ORDER BY n LIMIT 2", "apple | 1", "fig | 5"),
        SqlCase.Rows_("order by position", [Fruit, Rows], "SELECT id, name FROM fruit ORDER BY 2 DESC LIMIT 1", "2 | pear"),
        SqlCase.Rows_("limit offset", [Fruit, Rows], "SELECT id FROM fruit ORDER BY id LIMIT 2 OFFSET 1", "2", "3"),
        SqlCase.Rows_("limit with comma", [Fruit, Rows], "SELECT id FROM fruit ORDER BY id LIMIT 3, 5", "4", "5"),
        SqlCase.Rows_("aggregates", [Fruit, Rows], "SELECT COUNT(*), COUNT(price), SUM(price), MIN(price), MAX(name), AVG(price) FROM fruit",
            "5 | 4 | 7.50 | 0.75 | pear | 1.875000"),
        SqlCase.Rows_("aggregates over no rows", [Fruit], "SELECT COUNT(*), SUM(price), MAX(id) FROM fruit", "0 | NULL | NULL"),
        SqlCase.Rows_("group by with having", [Fruit, Rows], "SELECT kind, COUNT(*) AS c, SUM(price) FROM fruit GROUP BY kind HAVING c > 2", "tree | 3 | 4.25"),
        SqlCase.Rows_("group by ordered", [Fruit, Rows], "SELECT kind, MAX(price) FROM fruit GROUP BY kind ORDER BY kind DESC", "vine | 3.25", "tree | 2.00"),
        SqlCase.Rows_("group by ignores case under ci", ["CREATE TABLE g (s VARCHAR(5))", "INSERT INTO g VALUES ('a'), ('A'), ('b')"], "SELECT COUNT(*) FROM g GROUP BY s ORDER BY 1", "1", "2"),
        SqlCase.Rows_("distinct", [Fruit, Rows], "SELECT DISTINCT kind FROM fruit ORDER BY kind", "tree", "vine"),
        SqlCase.Rows_("expressions and aliases", [Fruit, Rows], "SELECT id * 10 + 1 AS x, CONCAT(name, '!') AS y FROM fruit WHERE id < 3", "11 | apple!", "21 | pear!"),
        SqlCase.Rows_("table alias", [Fruit, Rows], "SELECT f.name FROM fruit AS f WHERE f.id = 1", "apple"),
        SqlCase.Rows_("qualified star", [Fruit, Rows], "SELECT fruit.* FROM fruit WHERE id = 5", "5 | fig | tree | 0.75"),
        SqlCase.Rows_("for update and for share", [Fruit, Rows], "SELECT id FROM fruit WHERE id = 1 FOR UPDATE", "1"),
        SqlCase.Rows_("for share range", [Fruit, Rows], "SELECT id FROM fruit WHERE id < 3 FOR SHARE", "1", "2"),
        SqlCase.Rows_("composite primary key prefix", ["CREATE TABLE c (a INT, b VARCHAR(5), v INT, PRIMARY KEY (a, b))", "INSERT INTO c VALUES (1, 'x', 1), (1, 'y', 2), (2, 'x', 3)"],
            "SELECT v FROM c WHERE a = 1", "1", "2"),
        SqlCase.Rows_("composite primary key point", ["CREATE TABLE c (a INT, b VARCHAR(5), v INT, PRIMARY KEY (a, b))", "INSERT INTO c VALUES (1, 'x', 1), (1, 'y', 2), (2, 'x', 3)"],
            "SELECT v FROM c WHERE b = 'X' AND a = 2", "3"),
        SqlCase.Rows_("composite primary key range", ["CREATE TABLE c (a INT, b VARCHAR(5), v INT, PRIMARY KEY (a, b))", "INSERT INTO c VALUES (1, 'x', 1), (1, 'y', 2), (2, 'x', 3), (3, 'a', 4)"],
            "SELECT v FROM c WHERE a <= 2 AND a > 1", "3"),
        SqlCase.Rows_("string primary key", ["CREATE TABLE sk (k VARCHAR(10) PRIMARY KEY, v INT)", "INSERT INTO sk VALUES ('b', 2), ('a', 1)"], "SELECT v FROM sk WHERE k = 'B'", "2"),
        SqlCase.Rows_("select without from", [], "SELECT 1, 'a', NULL", "1 | a | NULL"),
        SqlCase.Fails("unknown column in where", [Fruit], "SELECT id FROM fruit WHERE nope = 1", 1054),
        SqlCase.Fails("unknown column in order", [Fruit], "SELECT id FROM fruit ORDER BY nope", 1054),
        SqlCase.Fails("joins answer 1235", [Fruit], "SELECT * FROM fruit a JOIN fruit b ON a.id = b.id", 1235),
        SqlCase.Fails("union answers 1235", [Fruit], "SELECT 1 UNION SELECT 2", 1235),
        SqlCase.Fails("subqueries answer 1235", [Fruit], "SELECT (SELECT 1)", 1235),
        SqlCase.Fails("unknown function answers 1235", [Fruit], "SELECT SOUNDEX('x')", 1235),
    ];
}
