namespace Borealis.Sql.Tests.Cases;

/// <summary>
/// Statements connectors, command-line clients and GUI tools send on their own (on connect,
/// for metadata, around transactions): (statement, canonical print).
/// </summary>
public static class ClientCases
{
    public static TheoryData<string, string> Cases => new()
    {
        // mysql / mariadb command-line clients
        { "select @@version_comment limit 1", "SELECT @@version_comment LIMIT 1" },
        { "SELECT DATABASE()", "SELECT DATABASE()" },
        { "show warnings", "SHOW WARNINGS" },
        // PyMySQL, mysql2, MySqlConnector
        { "SET AUTOCOMMIT = 0", "SET AUTOCOMMIT = 0" },
        { "SET NAMES utf8mb4 COLLATE utf8mb4_bin", "SET NAMES utf8mb4 COLLATE utf8mb4_bin" },
        { "SELECT VERSION()", "SELECT VERSION()" },
        { "SELECT CONNECTION_ID(), VERSION();", "SELECT CONNECTION_ID(), VERSION()" },
        { "SET character_set_results = NULL", "SET character_set_results = NULL" },
        { "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED", "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED" },
        { "START TRANSACTION READ ONLY", "START TRANSACTION READ ONLY" },
        { "SELECT LAST_INSERT_ID()", "SELECT LAST_INSERT_ID()" },
        { "SELECT ROW_COUNT()", "SELECT ROW_COUNT()" },
        { "SELECT SQL_CALC_FOUND_ROWS * FROM t LIMIT 10; SELECT FOUND_ROWS()", "SELECT SQL_CALC_FOUND_ROWS * FROM `t` LIMIT 10" },
        // Connector/J
        { "/* mysql-connector-java-8.0.33 */SELECT  @@session.auto_increment_increment AS auto_increment_increment, @@character_set_client AS character_set_client, @@lower_case_table_names AS lower_case_table_names, @@max_allowed_packet AS max_allowed_packet, @@sql_mode AS sql_mode, @@time_zone AS time_zone, @@transaction_isolation AS transaction_isolation, @@wait_timeout AS wait_timeout",
          "SELECT @@session.auto_increment_increment AS `auto_increment_increment`, @@character_set_client AS `character_set_client`, @@lower_case_table_names AS `lower_case_table_names`, @@max_allowed_packet AS `max_allowed_packet`, @@sql_mode AS `sql_mode`, @@time_zone AS `time_zone`, @@transaction_isolation AS `transaction_isolation`, @@wait_timeout AS `wait_timeout`" },
        { "SELECT @@session.transaction_read_only", "SELECT @@session.transaction_read_only" },
        { "SET autocommit=1", "SET autocommit = 1" },
        { "SET sql_mode='STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION'", "SET sql_mode = 'STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION'" },
        // GUI tools and ORMs reading metadata
        { "SHOW SESSION STATUS LIKE 'Ssl_cipher'", "SHOW SESSION STATUS LIKE 'Ssl_cipher'" },
        { "SELECT CURRENT_USER()", "SELECT CURRENT_USER()" },
        { "SHOW FULL COLUMNS FROM `shop`.`customers`", "SHOW FULL COLUMNS FROM `shop`.`customers`" },
        { "SELECT TABLE_NAME, TABLE_TYPE, ENGINE FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'shop' ORDER BY TABLE_NAME",
          "SELECT `TABLE_NAME`, `TABLE_TYPE`, `ENGINE` FROM `information_schema`.`TABLES` WHERE `TABLE_SCHEMA` = 'shop' ORDER BY `TABLE_NAME`" },
        { "SELECT kcu.COLUMN_NAME, kcu.REFERENCED_TABLE_NAME FROM information_schema.KEY_COLUMN_USAGE kcu JOIN information_schema.TABLE_CONSTRAINTS tc ON tc.CONSTRAINT_NAME = kcu.CONSTRAINT_NAME AND tc.TABLE_SCHEMA = kcu.TABLE_SCHEMA WHERE tc.CONSTRAINT_TYPE = 'FOREIGN KEY' AND kcu.TABLE_SCHEMA = DATABASE()",
          "SELECT `kcu`.`COLUMN_NAME`, `kcu`.`REFERENCED_TABLE_NAME` FROM `information_schema`.`KEY_COLUMN_USAGE` AS `kcu` JOIN `information_schema`.`TABLE_CONSTRAINTS` AS `tc` ON `tc`.`CONSTRAINT_NAME` = `kcu`.`CONSTRAINT_NAME` AND `tc`.`TABLE_SCHEMA` = `kcu`.`TABLE_SCHEMA` WHERE `tc`.`CONSTRAINT_TYPE` = 'FOREIGN KEY' AND `kcu`.`TABLE_SCHEMA` = DATABASE()" },
        { "SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ? AND ROUTINE_TYPE IN ('PROCEDURE', 'FUNCTION')",
          "SELECT COUNT(*) FROM `information_schema`.`ROUTINES` WHERE `ROUTINE_SCHEMA` = ? AND `ROUTINE_TYPE` IN ('PROCEDURE', 'FUNCTION')" },
        { "SELECT SCHEMA_NAME, DEFAULT_CHARACTER_SET_NAME FROM information_schema.SCHEMATA", "SELECT `SCHEMA_NAME`, `DEFAULT_CHARACTER_SET_NAME` FROM `information_schema`.`SCHEMATA`" },
        // mysqldump (Oracle) 8.0
        { "/*!50503 SET NAMES utf8mb4 */", "SET NAMES utf8mb4" },
        { "/*!80000 SET SESSION information_schema_stats_expiry=0 */", "SET SESSION information_schema_stats_expiry = 0" },
        { "SELECT COLUMN_NAME, JSON_EXTRACT(HISTOGRAM, '$.\"number-of-buckets-specified\"') FROM information_schema.COLUMN_STATISTICS WHERE SCHEMA_NAME = 'shop' AND TABLE_NAME = 't'",
          "SELECT `COLUMN_NAME`, JSON_EXTRACT(`HISTOGRAM`, '$.\"number-of-buckets-specified\"') FROM `information_schema`.`COLUMN_STATISTICS` WHERE `SCHEMA_NAME` = 'shop' AND `TABLE_NAME` = 't'" },
        { "SHOW VARIABLES LIKE 'gtid\\_mode'", "SHOW VARIABLES LIKE 'gtid\\\\_mode'" },
        { "/*!40100 SET @@SQL_MODE='' */", "SET SQL_MODE = ''" },
        { "/*!40103 SET TIME_ZONE='+00:00' */", "SET TIME_ZONE = '+00:00'" },
    };
}
