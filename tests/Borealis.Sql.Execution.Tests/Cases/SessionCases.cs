namespace Borealis.Sql.Execution.Tests.Cases;

/// <summary>Variables and functions connectors read at connect, SET forms, USE.</summary>
public static class SessionCases
{
    public static readonly SqlCase[] All =
    [
        SqlCase.Rows_("connect-time variables", [], "SELECT @@version, @@version_comment, @@max_allowed_packet, @@lower_case_table_names, @@session.auto_increment_increment",
            "8.0.36-Borealis | Borealis | 67108864 | 0 | 1"),
        SqlCase.Rows_("character set and collation variables", [], "SELECT @@character_set_client, @@character_set_connection, @@character_set_results, @@collation_connection, @@collation_server",
            "utf8mb4 | utf8mb4 | utf8mb4 | utf8mb4_0900_ai_ci | utf8mb4_0900_ai_ci"),
        SqlCase.Rows_("more connect-time variables", [], "SELECT @@sql_mode, @@time_zone, @@system_time_zone, @@wait_timeout, @@interactive_timeout, @@license, @@init_connect, @@net_write_timeout, @@performance_schema",
            "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION | SYSTEM | UTC | 28800 | 28800 | Apache-2.0 |  | 60 | 0"),
        SqlCase.Rows_("set session variable", ["SET @@session.sql_mode = 'STRICT_TRANS_TABLES'", "SET wait_timeout = 100"], "SELECT @@sql_mode, @@session.wait_timeout", "STRICT_TRANS_TABLES | 100"),
        SqlCase.Rows_("set names", ["SET NAMES utf8mb4 COLLATE utf8mb4_bin"], "SELECT @@character_set_client, @@collation_connection", "utf8mb4 | utf8mb4_bin"),
        SqlCase.Rows_("set autocommit on and off", ["SET autocommit = OFF"], "SELECT @@autocommit", "0"),
        SqlCase.Fails("unknown variable", [], "SELECT @@no_such_variable", 1193),
        SqlCase.Fails("set unknown variable", [], "SET no_such_variable = 1", 1193),
        SqlCase.Rows_("database function", [], "SELECT DATABASE() LIKE 'case%'", "1"),
        SqlCase.Rows_("use switches database", ["CREATE DATABASE IF NOT EXISTS other_db", "USE other_db", "CREATE TABLE IF NOT EXISTS here (a INT)"], "SELECT DATABASE()", "other_db"),
        SqlCase.Fails("syntax error", [], "SELEC 1", 1064),
        SqlCase.Rows_("show variables like", ["SET SESSION wait_timeout = 77"], "SHOW VARIABLES LIKE 'wait%'", "wait_timeout | 77"),
        SqlCase.Rows_("show session variables like", [], "SHOW SESSION VARIABLES LIKE 'lower_case_table_names'", "lower_case_table_names | 0"),
    ];
}
