namespace Borealis.Sql.Tests.Cases;

/// <summary>
/// The statements sysbench 1.0.20 (Debian) sends, from its oltp_common.lua and the other
/// bundled scripts: (statement, canonical print). Data/sysbench-1.0.20-statements.txt holds
/// every distinct statement shape captured from a MariaDB general log during prepare, run
/// (prepared statements on and off), prewarm and cleanup of every workload.
/// </summary>
public static class SysbenchCases
{
    public static TheoryData<string, string> Cases => new()
    {
        { "CREATE TABLE sbtest1(\n  id INTEGER NOT NULL AUTO_INCREMENT,\n  k INTEGER DEFAULT '0' NOT NULL,\n  c CHAR(120) DEFAULT '' NOT NULL,\n  pad CHAR(60) DEFAULT '' NOT NULL,\n  PRIMARY KEY (id)\n) /*! ENGINE = innodb */ ",
          "CREATE TABLE `sbtest1` (`id` INT NOT NULL AUTO_INCREMENT, `k` INT NOT NULL DEFAULT '0', `c` CHAR(120) NOT NULL DEFAULT '', `pad` CHAR(60) NOT NULL DEFAULT '', PRIMARY KEY (`id`)) ENGINE=innodb" },
        { "CREATE TABLE sbtest1(\n  id INTEGER NOT NULL,\n  k INTEGER DEFAULT '0' NOT NULL,\n  c CHAR(120) DEFAULT '' NOT NULL,\n  pad CHAR(60) DEFAULT '' NOT NULL,\n  KEY xid (id)\n) /*! ENGINE = innodb */ ",
          "CREATE TABLE `sbtest1` (`id` INT NOT NULL, `k` INT NOT NULL DEFAULT '0', `c` CHAR(120) NOT NULL DEFAULT '', `pad` CHAR(60) NOT NULL DEFAULT '', KEY `xid` (`id`)) ENGINE=innodb" },
        { "CREATE TABLE IF NOT EXISTS sbtest1 (\n          id INTEGER NOT NULL,\n          k INTEGER DEFAULT '0' NOT NULL,\n          PRIMARY KEY (id))",
          "CREATE TABLE IF NOT EXISTS `sbtest1` (`id` INT NOT NULL, `k` INT NOT NULL DEFAULT '0', PRIMARY KEY (`id`))" },
        { "INSERT INTO sbtest1(k, c, pad) VALUES(5, '1-2', '3-4'),(7, '5-6', '7-8')", "INSERT INTO `sbtest1` (`k`, `c`, `pad`) VALUES (5, '1-2', '3-4'), (7, '5-6', '7-8')" },
        { "INSERT INTO sbtest1(id, k, c, pad) VALUES(1, 5, '1-2', '3-4')", "INSERT INTO `sbtest1` (`id`, `k`, `c`, `pad`) VALUES (1, 5, '1-2', '3-4')" },
        { "INSERT INTO sbtest1 VALUES(1,1),(2,2)", "INSERT INTO `sbtest1` VALUES (1, 1), (2, 2)" },
        { "CREATE INDEX k_1 ON sbtest1(k)", "CREATE INDEX `k_1` ON `sbtest1` (`k`)" },
        { "SELECT c FROM sbtest1 WHERE id=?", "SELECT `c` FROM `sbtest1` WHERE `id` = ?" },
        { "SELECT c FROM sbtest1 WHERE id BETWEEN ? AND ?", "SELECT `c` FROM `sbtest1` WHERE `id` BETWEEN ? AND ?" },
        { "SELECT SUM(k) FROM sbtest1 WHERE id BETWEEN ? AND ?", "SELECT SUM(`k`) FROM `sbtest1` WHERE `id` BETWEEN ? AND ?" },
        { "SELECT c FROM sbtest1 WHERE id BETWEEN ? AND ? ORDER BY c", "SELECT `c` FROM `sbtest1` WHERE `id` BETWEEN ? AND ? ORDER BY `c`" },
        { "SELECT DISTINCT c FROM sbtest1 WHERE id BETWEEN ? AND ? ORDER BY c", "SELECT DISTINCT `c` FROM `sbtest1` WHERE `id` BETWEEN ? AND ? ORDER BY `c`" },
        { "UPDATE sbtest1 SET k=k+1 WHERE id=?", "UPDATE `sbtest1` SET `k` = `k` + 1 WHERE `id` = ?" },
        { "UPDATE sbtest1 SET c=? WHERE id=?", "UPDATE `sbtest1` SET `c` = ? WHERE `id` = ?" },
        { "DELETE FROM sbtest1 WHERE id=?", "DELETE FROM `sbtest1` WHERE `id` = ?" },
        { "INSERT INTO sbtest1 (id, k, c, pad) VALUES (?, ?, ?, ?)", "INSERT INTO `sbtest1` (`id`, `k`, `c`, `pad`) VALUES (?, ?, ?, ?)" },
        { "INSERT INTO sbtest3 (id, k, c, pad) VALUES (-2147480000, 42, '1-2', '3-4')", "INSERT INTO `sbtest3` (`id`, `k`, `c`, `pad`) VALUES (-2147480000, 42, '1-2', '3-4')" },
        { "BEGIN", "START TRANSACTION" },
        { "COMMIT", "COMMIT" },
        { "DROP TABLE IF EXISTS sbtest1", "DROP TABLE IF EXISTS `sbtest1`" },
        { "SET tmp_table_size=2*1024*1024*1024", "SET tmp_table_size = 2 * 1024 * 1024 * 1024" },
        { "SET max_heap_table_size=2*1024*1024*1024", "SET max_heap_table_size = 2 * 1024 * 1024 * 1024" },
        { "ANALYZE TABLE sbtest1", "ANALYZE TABLE `sbtest1`" },
        { "SELECT AVG(id) FROM (SELECT * FROM sbtest1 FORCE KEY (PRIMARY) LIMIT 10000) t", "SELECT AVG(`id`) FROM (SELECT * FROM `sbtest1` FORCE INDEX (PRIMARY) LIMIT 10000) AS `t`" },
        { "SELECT COUNT(*) FROM (SELECT * FROM sbtest1 WHERE k LIKE '%0%' LIMIT 10000) t", "SELECT COUNT(*) FROM (SELECT * FROM `sbtest1` WHERE `k` LIKE '%0%' LIMIT 10000) AS `t`" },
        { "SELECT id, k, c, pad\n          FROM sbtest1\n          WHERE k IN (?, ?, ?)\n        ", "SELECT `id`, `k`, `c`, `pad` FROM `sbtest1` WHERE `k` IN (?, ?, ?)" },
        { "SELECT count(k)\n          FROM sbtest1\n          WHERE k BETWEEN ? AND ? OR k BETWEEN ? AND ?", "SELECT COUNT(`k`) FROM `sbtest1` WHERE `k` BETWEEN ? AND ? OR `k` BETWEEN ? AND ?" },
    };
}
