namespace Borealis.Sql.Execution.Tests.Cases;

/// <summary>UPDATE and DELETE with WHERE, keys moving, secondary indexes kept in step.</summary>
public static class UpdateDeleteCases
{
    private const string T = "CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(10), n INT, KEY name (name))";
    private const string Rows = "INSERT INTO t VALUES (1, 'a', 10), (2, 'b', 20), (3, 'c', 30)";

    public static readonly SqlCase[] All =
    [
        SqlCase.Rows_("update by key", [T, Rows, "UPDATE t SET n = n + 1 WHERE id = 2"], "SELECT id, n FROM t", "1 | 10", "2 | 21", "3 | 30"),
        SqlCase.Rows_("update by scan", [T, Rows, "UPDATE t SET name = 'z' WHERE n >= 20"], "SELECT name FROM t", "a", "z", "z"),
        SqlCase.Rows_("update sees earlier assignments", [T, Rows, "UPDATE t SET n = 1, name = n WHERE id = 1"], "SELECT name, n FROM t WHERE id = 1", "1 | 1"),
        SqlCase.Rows_("update moves the primary key", [T, Rows, "UPDATE t SET id = 10 WHERE id = 1"], "SELECT id FROM t", "2", "3", "10"),
        SqlCase.Fails("update to a duplicate primary key", [T, Rows], "UPDATE t SET id = 2 WHERE id = 1", 1062),
        SqlCase.Rows_("update with limit", [T, Rows, "UPDATE t SET n = 0 LIMIT 2"], "SELECT n FROM t", "0", "0", "30"),
        SqlCase.Fails("update to null in not null", ["CREATE TABLE nn (id INT PRIMARY KEY, v INT NOT NULL)", "INSERT INTO nn VALUES (1, 1)"], "UPDATE nn SET v = NULL", 1048),
        SqlCase.Fails("update unknown column", [T, Rows], "UPDATE t SET nope = 1", 1054),
        SqlCase.Rows_("delete by key", [T, Rows, "DELETE FROM t WHERE id = 2"], "SELECT id FROM t", "1", "3"),
        SqlCase.Rows_("delete by scan", [T, Rows, "DELETE FROM t WHERE name IN ('a', 'c')"], "SELECT id FROM t", "2"),
        SqlCase.Rows_("delete all", [T, Rows, "DELETE FROM t"], "SELECT COUNT(*) FROM t", "0"),
        SqlCase.Rows_("delete then reinsert the same key", [T, Rows, "DELETE FROM t WHERE id = 1", "INSERT INTO t VALUES (1, 'again', 0)"], "SELECT name FROM t WHERE id = 1", "again"),
        SqlCase.Rows_("delete from a table without primary key", ["CREATE TABLE h (a INT)", "INSERT INTO h VALUES (1), (2), (1)", "DELETE FROM h WHERE a = 1"], "SELECT a FROM h", "2"),
        SqlCase.Rows_("update a table without primary key", ["CREATE TABLE h (a INT)", "INSERT INTO h VALUES (1), (2)", "UPDATE h SET a = a * 10"], "SELECT a FROM h", "10", "20"),
        SqlCase.Fails("multi-table delete answers 1235", [T], "DELETE t FROM t JOIN t AS u ON t.id = u.id", 1235),
    ];
}
