namespace Borealis.Sql.Tests.Cases;

/// <summary>KILL, LOCK, FLUSH, table maintenance: (statement, canonical print).</summary>
public static class AdministrationCases
{
    public static TheoryData<string, string> Cases => new()
    {
        { "kill 5", "KILL CONNECTION 5" },
        { "kill connection 5", "KILL CONNECTION 5" },
        { "kill query 7", "KILL QUERY 7" },
        { "lock tables t read", "LOCK TABLES `t` READ" },
        { "lock table t1 as a write, t2 read local, t3 low_priority write, t4 b read", "LOCK TABLES `t1` AS `a` WRITE, `t2` READ LOCAL, `t3` LOW_PRIORITY WRITE, `t4` AS `b` READ" },
        { "LOCK TABLES `customers` READ /*!32311 LOCAL */", "LOCK TABLES `customers` READ LOCAL" },
        { "unlock tables", "UNLOCK TABLES" },
        { "flush tables", "FLUSH TABLES" },
        { "FLUSH /*!40101 LOCAL */ TABLES", "FLUSH LOCAL TABLES" },
        { "flush tables with read lock", "FLUSH TABLES WITH READ LOCK" },
        { "flush tables t1, t2 with read lock", "FLUSH TABLES `t1`, `t2` WITH READ LOCK" },
        { "flush privileges", "FLUSH PRIVILEGES" },
        { "flush no_write_to_binlog binary logs, status", "FLUSH LOCAL BINARY LOGS, STATUS" },
        { "analyze table sbtest1", "ANALYZE TABLE `sbtest1`" },
        { "analyze local table a, b", "ANALYZE LOCAL TABLE `a`, `b`" },
        { "optimize table t", "OPTIMIZE TABLE `t`" },
        { "check table t, u quick", "CHECK TABLE `t`, `u` QUICK" },
        { "repair table t", "REPAIR TABLE `t`" },
        { "checksum table t extended", "CHECKSUM TABLE `t` EXTENDED" },
        { "prepare s from 'select ?'", "PREPARE `s` FROM 'select ?'" },
        { "prepare s from @text", "PREPARE `s` FROM @text" },
        { "execute s", "EXECUTE `s`" },
        { "execute s using @a, @b", "EXECUTE `s` USING @a, @b" },
        { "deallocate prepare s", "DEALLOCATE PREPARE `s`" },
        { "drop prepare s", "DEALLOCATE PREPARE `s`" },
    };
}
