namespace Borealis.Sql.Execution.Tests.Cases;

/// <summary>BEGIN/COMMIT/ROLLBACK, autocommit off, savepoints, implicit commit by DDL.</summary>
public static class TransactionCases
{
    private const string T = "CREATE TABLE t (id INT PRIMARY KEY)";

    public static readonly SqlCase[] All =
    [
        SqlCase.Rows_("rollback undoes", [T, "BEGIN", "INSERT INTO t VALUES (1)", "ROLLBACK"], "SELECT COUNT(*) FROM t", "0"),
        SqlCase.Rows_("commit keeps", [T, "START TRANSACTION", "INSERT INTO t VALUES (1)", "COMMIT"], "SELECT COUNT(*) FROM t", "1"),
        SqlCase.Rows_("own writes are visible", [T, "BEGIN", "INSERT INTO t VALUES (1)"], "SELECT id FROM t", "1"),
        SqlCase.Rows_("autocommit off then rollback", [T, "SET autocommit = 0", "INSERT INTO t VALUES (1)", "ROLLBACK", "SET autocommit = 1"], "SELECT COUNT(*) FROM t", "0"),
        SqlCase.Rows_("savepoint", [T, "BEGIN", "INSERT INTO t VALUES (1)", "SAVEPOINT s", "INSERT INTO t VALUES (2)", "ROLLBACK TO SAVEPOINT s", "COMMIT"], "SELECT id FROM t", "1"),
        SqlCase.Rows_("ddl commits implicitly", [T, "BEGIN", "INSERT INTO t VALUES (1)", "CREATE TABLE u (a INT)", "ROLLBACK"], "SELECT COUNT(*) FROM t", "1"),
        SqlCase.Rows_("a failed statement keeps the transaction", [T, "BEGIN", "INSERT INTO t VALUES (1)"], "SELECT @@autocommit, COUNT(*) FROM t", "1 | 1"),
        SqlCase.Fails("read only transaction refuses writes", [T, "START TRANSACTION READ ONLY"], "INSERT INTO t VALUES (1)", 1792),
        SqlCase.Fails("set transaction read only applies to the next one", [T, "SET TRANSACTION READ ONLY", "BEGIN"], "INSERT INTO t VALUES (1)", 1792),
        SqlCase.Fails("session read only", [T, "SET SESSION TRANSACTION READ ONLY"], "INSERT INTO t VALUES (1)", 1792),
        SqlCase.Rows_("isolation level variable", ["SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED"], "SELECT @@transaction_isolation", "READ-COMMITTED"),
    ];
}
