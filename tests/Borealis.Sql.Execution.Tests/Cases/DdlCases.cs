namespace Borealis.Sql.Execution.Tests.Cases;

/// <summary>CREATE/DROP DATABASE and TABLE, TRUNCATE, SHOW, DESCRIBE.</summary>
public static class DdlCases
{
    private const string Items = "CREATE TABLE items (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) NOT NULL DEFAULT 'x', qty SMALLINT UNSIGNED, KEY by_name (name))";

    public static readonly SqlCase[] All =
    [
        SqlCase.Rows_("show tables lists created tables", ["CREATE TABLE b (a INT)", "CREATE TABLE a (a INT)"], "SHOW TABLES", "a", "b"),
        SqlCase.Rows_("drop table removes it", ["CREATE TABLE a (a INT)", "CREATE TABLE b (a INT)", "DROP TABLE a"], "SHOW TABLES", "b"),
        SqlCase.Rows_("drop table if exists of a missing table", [], "DROP TABLE IF EXISTS nothing"),
        SqlCase.Fails("drop table of a missing table", [], "DROP TABLE nothing", 1051),
        SqlCase.Fails("create table twice", ["CREATE TABLE a (a INT)"], "CREATE TABLE a (b INT)", 1050),
        SqlCase.Rows_("create table if not exists keeps the first", ["CREATE TABLE a (a INT)", "CREATE TABLE IF NOT EXISTS a (b INT)"], "SELECT * FROM a"),
        SqlCase.Fails("create database twice", ["CREATE DATABASE IF NOT EXISTS twice_db"], "CREATE DATABASE twice_db", 1007),
        SqlCase.Fails("drop a missing database", [], "DROP DATABASE no_such_db", 1008),
        SqlCase.Rows_("create database if not exists", ["CREATE DATABASE IF NOT EXISTS ine_db", "CREATE DATABASE IF NOT EXISTS ine_db"], "SHOW DATABASES LIKE 'ine_db'", "ine_db"),
        SqlCase.Fails("use of a missing database", [], "USE no_such_db", 1049),
        SqlCase.Fails("table in a missing database", [], "SELECT * FROM no_such_db.t", 1049),
        SqlCase.Rows_("describe", [Items], "DESCRIBE items",
            "id | int | NO | PRI | NULL | auto_increment", "name | varchar(20) | NO | MUL | x | ", "qty | smallint unsigned | YES |  | NULL | "),
        SqlCase.Rows_("show columns", [Items], "SHOW COLUMNS FROM items",
            "id | int | NO | PRI | NULL | auto_increment", "name | varchar(20) | NO | MUL | x | ", "qty | smallint unsigned | YES |  | NULL | "),
        SqlCase.Rows_("show create table", [Items], "SHOW CREATE TABLE items",
            "items | CREATE TABLE `items` (\n  `id` int NOT NULL AUTO_INCREMENT,\n  `name` varchar(20) NOT NULL DEFAULT 'x',\n  `qty` smallint unsigned DEFAULT NULL,\n  PRIMARY KEY (`id`),\n  KEY `by_name` (`name`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci"),
        SqlCase.Rows_("truncate empties the table", [Items, "INSERT INTO items (name) VALUES ('a'), ('b')", "TRUNCATE TABLE items", "INSERT INTO items (name) VALUES ('c')"],
            "SELECT name FROM items", "c"),
        SqlCase.Rows_("every common type round-trips",
            ["CREATE TABLE types (a TINYINT, b SMALLINT, c MEDIUMINT, d INT, e BIGINT, f BIGINT UNSIGNED, g DECIMAL(10,3), h DOUBLE, i VARCHAR(10), j CHAR(3), k TEXT, l VARBINARY(4), m BLOB, n DATE, o DATETIME, p TIMESTAMP)",
             "INSERT INTO types VALUES (-128, -32768, -8388608, -2147483648, -9223372036854775808, 18446744073709551615, 1234567.891, 0.5, 'héllo', 'ab', 'long text', 0x01FF, 'blob', '2024-02-29', '2024-02-29 13:14:15', '2024-02-29 13:14:15')"],
            "SELECT * FROM types",
            "-128 | -32768 | -8388608 | -2147483648 | -9223372036854775808 | 18446744073709551615 | 1234567.891 | 0.5 | héllo | ab | long text | 0x01FF | 0x626C6F62 | 2024-02-29 00:00:00 | 2024-02-29 13:14:15 | 2024-02-29 13:14:15"),
        SqlCase.Fails("unsupported type answers 1235", [], "CREATE TABLE g (a GEOMETRY)", 1235),
        SqlCase.Fails("foreign keys answer 1235", ["CREATE TABLE p (id INT PRIMARY KEY)"], "CREATE TABLE c (id INT, pid INT, FOREIGN KEY (pid) REFERENCES p (id))", 1235),
        SqlCase.Fails("no database selected", [], "CREATE TABLE other.t (a INT)", 1049),
        SqlCase.Rows_("a long row spills to overflow pages", ["CREATE TABLE big (id INT PRIMARY KEY, body TEXT)", "INSERT INTO big VALUES (1, '" + new string('x', 10000) + "')"],
            "SELECT id, LENGTH(body) FROM big", "1 | 10000"),
    ];
}
