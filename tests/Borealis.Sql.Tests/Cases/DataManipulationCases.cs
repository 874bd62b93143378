namespace Borealis.Sql.Tests.Cases;

/// <summary>INSERT, REPLACE, UPDATE, DELETE, DO: (statement, canonical print).</summary>
public static class DataManipulationCases
{
    public static TheoryData<string, string> Cases => new()
    {
        { "insert into t values (1, 'a'), (2, 'b')", "INSERT INTO `t` VALUES (1, 'a'), (2, 'b')" },
        { "insert t (a, b) value (1, default)", "INSERT INTO `t` (`a`, `b`) VALUES (1, DEFAULT)" },
        { "insert into t () values ()", "INSERT INTO `t` VALUES ()" },
        { "insert into t (t.a, db.t.b) values (1, 2)", "INSERT INTO `t` (`a`, `b`) VALUES (1, 2)" },
        { "insert low_priority ignore into db.t set a = 1, b = a + 1", "INSERT LOW_PRIORITY IGNORE INTO `db`.`t` SET `a` = 1, `b` = `a` + 1" },
        { "insert high_priority into t values (1)", "INSERT HIGH_PRIORITY INTO `t` VALUES (1)" },
        { "insert delayed into t values (1)", "INSERT DELAYED INTO `t` VALUES (1)" },
        { "insert into t (a) select b from u where c > 1", "INSERT INTO `t` (`a`) SELECT `b` FROM `u` WHERE `c` > 1" },
        { "insert into t (select * from u)", "INSERT INTO `t` SELECT * FROM `u`" },
        { "insert into t with c as (select 1) select * from c", "INSERT INTO `t` WITH `c` AS (SELECT 1) SELECT * FROM `c`" },
        { "insert into t (id, n) values (1, 1) on duplicate key update n = n + values(n), m = values(m)",
          "INSERT INTO `t` (`id`, `n`) VALUES (1, 1) ON DUPLICATE KEY UPDATE `n` = `n` + VALUES(`n`), `m` = VALUES(`m`)" },
        { "insert into t (id, n) values (1, 1) as new on duplicate key update n = new.n", "INSERT INTO `t` (`id`, `n`) VALUES (1, 1) AS `new` ON DUPLICATE KEY UPDATE `n` = `new`.`n`" },
        { "insert into t values row(1, 2), row(3, 4)", "INSERT INTO `t` VALUES (1, 2), (3, 4)" },
        { "replace into t values (1)", "REPLACE INTO `t` VALUES (1)" },
        { "replace low_priority t set a = 1", "REPLACE LOW_PRIORITY INTO `t` SET `a` = 1" },
        { "replace into t select * from u", "REPLACE INTO `t` SELECT * FROM `u`" },
        { "update t set a = 1", "UPDATE `t` SET `a` = 1" },
        { "update low_priority ignore t set a = a + 1, b = default where id = ? order by id desc limit 10",
          "UPDATE LOW_PRIORITY IGNORE `t` SET `a` = `a` + 1, `b` = DEFAULT WHERE `id` = ? ORDER BY `id` DESC LIMIT 10" },
        { "update t as x set x.a = 2 where x.id = 1", "UPDATE `t` AS `x` SET `x`.`a` = 2 WHERE `x`.`id` = 1" },
        { "update t1, t2 set t1.a = t2.a where t1.id = t2.id", "UPDATE `t1`, `t2` SET `t1`.`a` = `t2`.`a` WHERE `t1`.`id` = `t2`.`id`" },
        { "update t1 join t2 on t1.id = t2.id set t1.a = t2.b", "UPDATE `t1` JOIN `t2` ON `t1`.`id` = `t2`.`id` SET `t1`.`a` = `t2`.`b`" },
        { "delete from t where id = 1", "DELETE FROM `t` WHERE `id` = 1" },
        { "delete low_priority quick ignore from db.t where a > 1 order by a limit 5", "DELETE LOW_PRIORITY QUICK IGNORE FROM `db`.`t` WHERE `a` > 1 ORDER BY `a` LIMIT 5" },
        { "delete from t as x where x.a = 1", "DELETE FROM `t` AS `x` WHERE `x`.`a` = 1" },
        { "delete t1, t2 from t1 join t2 on t1.id = t2.id where t1.a = 1", "DELETE `t1`, `t2` FROM `t1` JOIN `t2` ON `t1`.`id` = `t2`.`id` WHERE `t1`.`a` = 1" },
        { "delete t1.* from t1, t2 where t1.id = t2.id", "DELETE `t1` FROM `t1`, `t2` WHERE `t1`.`id` = `t2`.`id`" },
        { "delete from t1, t2 using t1 inner join t2 inner join t3 where t1.id = t2.id", "DELETE `t1`, `t2` FROM `t1` CROSS JOIN `t2` CROSS JOIN `t3` WHERE `t1`.`id` = `t2`.`id`" },
        { "do sleep(1), @a := 2", "DO SLEEP(1), @a := 2" },
    };
}
