namespace Borealis.Sql.Execution.Tests.Cases;

/// <summary>INSERT: column lists, defaults, AUTO_INCREMENT, LAST_INSERT_ID, strict-mode errors, duplicates.</summary>
public static class InsertCases
{
    private const string Users = "CREATE TABLE users (id BIGINT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(30) NOT NULL, age TINYINT UNSIGNED, UNIQUE KEY email (email))";

    public static readonly SqlCase[] All =
    [
        SqlCase.Rows_("multi-row insert with auto increment", [Users, "INSERT INTO users (email, age) VALUES ('a@x', 1), ('b@x', 2)"],
            "SELECT id, email, age FROM users", "1 | a@x | 1", "2 | b@x | 2"),
        SqlCase.Rows_("last_insert_id is the first generated id", [Users, "INSERT INTO users (email) VALUES ('a@x')", "INSERT INTO users (email) VALUES ('b@x'), ('c@x')"],
            "SELECT LAST_INSERT_ID()", "2"),
        SqlCase.Rows_("explicit id moves the sequence", [Users, "INSERT INTO users (id, email) VALUES (10, 'a@x')", "INSERT INTO users (email) VALUES ('b@x')"],
            "SELECT id FROM users", "10", "11"),
        SqlCase.Rows_("null asks for the next id", [Users, "INSERT INTO users VALUES (NULL, 'a@x', NULL)"], "SELECT id, age FROM users", "1 | NULL"),
        SqlCase.Rows_("insert set", [Users, "INSERT INTO users SET email = 'q@x', age = 7"], "SELECT email, age FROM users", "q@x | 7"),
        SqlCase.Rows_("defaults fill missing columns", ["CREATE TABLE d (a INT, b VARCHAR(5) DEFAULT 'z', c INT DEFAULT 3)", "INSERT INTO d (a) VALUES (1)", "INSERT INTO d VALUES (2, DEFAULT, DEFAULT)"],
            "SELECT * FROM d", "1 | z | 3", "2 | z | 3"),
        SqlCase.Rows_("table without primary key gets a hidden row id", ["CREATE TABLE h (a INT)", "INSERT INTO h VALUES (1), (1), (2)"],
            "SELECT a FROM h", "1", "1", "2"),
        SqlCase.Fails("duplicate primary key", ["CREATE TABLE p (id INT PRIMARY KEY)", "INSERT INTO p VALUES (1)"], "INSERT INTO p VALUES (1)", 1062),
        SqlCase.Fails("duplicate unique key", [Users, "INSERT INTO users (email) VALUES ('a@x')"], "INSERT INTO users (email) VALUES ('A@X')", 1062),
        SqlCase.Fails("null into not null", [Users], "INSERT INTO users (email) VALUES (NULL)", 1048),
        SqlCase.Fails("missing value without default", [Users], "INSERT INTO users (age) VALUES (1)", 1364),
        SqlCase.Fails("data too long", [Users], "INSERT INTO users (email) VALUES ('0123456789012345678901234567890')", 1406),
        SqlCase.Fails("out of range unsigned", [Users], "INSERT INTO users (email, age) VALUES ('a', 256)", 1264),
        SqlCase.Fails("negative into unsigned", [Users], "INSERT INTO users (email, age) VALUES ('a', -1)", 1264),
        SqlCase.Fails("decimal out of range", ["CREATE TABLE m (v DECIMAL(4,2))"], "INSERT INTO m VALUES (100)", 1264),
        SqlCase.Rows_("decimal rounds to its scale", ["CREATE TABLE m (v DECIMAL(6,2))", "INSERT INTO m VALUES (1.005), ('2.5'), (3)"], "SELECT v FROM m", "1.01", "2.50", "3.00"),
        SqlCase.Fails("wrong value count", [Users], "INSERT INTO users (email, age) VALUES ('a')", 1136),
        SqlCase.Fails("unknown column", [Users], "INSERT INTO users (nope) VALUES (1)", 1054),
        SqlCase.Fails("bad integer text", ["CREATE TABLE i (v INT)"], "INSERT INTO i VALUES ('abc')", 1366),
        SqlCase.Fails("missing table", [], "INSERT INTO nope VALUES (1)", 1146),
        SqlCase.Fails("insert select answers 1235", ["CREATE TABLE i (v INT)"], "INSERT INTO i SELECT 1", 1235),
        SqlCase.Fails("on duplicate key update answers 1235", ["CREATE TABLE i (v INT PRIMARY KEY)"], "INSERT INTO i VALUES (1) ON DUPLICATE KEY UPDATE v = 2", 1235),
        SqlCase.Rows_("secondary index entries follow the row", ["CREATE TABLE s (id INT PRIMARY KEY, k INT, UNIQUE KEY k (k))", "INSERT INTO s VALUES (1, 5)", "UPDATE s SET k = 6 WHERE id = 1", "INSERT INTO s VALUES (2, 5)"],
            "SELECT id, k FROM s", "1 | 6", "2 | 5"),
        SqlCase.Fails("unique key after update", ["CREATE TABLE s (id INT PRIMARY KEY, k INT, UNIQUE KEY k (k))", "INSERT INTO s VALUES (1, 5), (2, 6)"], "UPDATE s SET k = 5 WHERE id = 2", 1062),
        SqlCase.Rows_("unique allows many nulls", ["CREATE TABLE s (id INT PRIMARY KEY, k INT UNIQUE)", "INSERT INTO s VALUES (1, NULL), (2, NULL)"], "SELECT COUNT(*) FROM s", "2"),
    ];
}
