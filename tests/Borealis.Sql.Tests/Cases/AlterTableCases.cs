namespace Borealis.Sql.Tests.Cases;

/// <summary>ALTER TABLE: (statement, canonical print).</summary>
public static class AlterTableCases
{
    public static TheoryData<string, string> Cases => new()
    {
        { "alter table t add column c int not null default 0 after b", "ALTER TABLE `t` ADD COLUMN `c` INT NOT NULL DEFAULT 0 AFTER `b`" },
        { "alter table t add c varchar(10) first", "ALTER TABLE `t` ADD COLUMN `c` VARCHAR(10) FIRST" },
        { "alter table t add (c int, d int)", "ALTER TABLE `t` ADD COLUMN (`c` INT, `d` INT)" },
        { "alter table t drop column c, drop d", "ALTER TABLE `t` DROP COLUMN `c`, DROP COLUMN `d`" },
        { "alter table t modify c bigint unsigned", "ALTER TABLE `t` MODIFY COLUMN `c` BIGINT UNSIGNED" },
        { "alter table t modify column c int after d", "ALTER TABLE `t` MODIFY COLUMN `c` INT AFTER `d`" },
        { "alter table t change c d int comment 'renamed'", "ALTER TABLE `t` CHANGE COLUMN `c` `d` INT COMMENT 'renamed'" },
        { "alter table t change column c c text first", "ALTER TABLE `t` CHANGE COLUMN `c` `c` TEXT FIRST" },
        { "alter table t alter c set default 5, alter column d drop default", "ALTER TABLE `t` ALTER COLUMN `c` SET DEFAULT 5, ALTER COLUMN `d` DROP DEFAULT" },
        { "alter table t add index k (a), add key (b), add unique u (c), add primary key (id)", "ALTER TABLE `t` ADD KEY `k` (`a`), ADD KEY (`b`), ADD UNIQUE KEY `u` (`c`), ADD PRIMARY KEY (`id`)" },
        { "alter table t add constraint fk foreign key (a) references u (id)", "ALTER TABLE `t` ADD CONSTRAINT `fk` FOREIGN KEY (`a`) REFERENCES `u` (`id`)" },
        { "alter table t add check (a > 0)", "ALTER TABLE `t` ADD CHECK (`a` > 0)" },
        { "alter table t drop index k, drop key j, drop primary key, drop foreign key fk, drop check c, drop constraint d",
          "ALTER TABLE `t` DROP INDEX `k`, DROP INDEX `j`, DROP PRIMARY KEY, DROP FOREIGN KEY `fk`, DROP CHECK `c`, DROP CONSTRAINT `d`" },
        { "alter table t rename to u", "ALTER TABLE `t` RENAME TO `u`" },
        { "alter table t rename as db.u", "ALTER TABLE `t` RENAME TO `db`.`u`" },
        { "alter table t rename db.u", "ALTER TABLE `t` RENAME TO `db`.`u`" },
        { "alter table t rename column a to b, rename index i to j, rename key k to l", "ALTER TABLE `t` RENAME COLUMN `a` TO `b`, RENAME INDEX `i` TO `j`, RENAME INDEX `k` TO `l`" },
        { "alter table t engine = InnoDB, auto_increment = 100", "ALTER TABLE `t` ENGINE=InnoDB AUTO_INCREMENT=100" },
        { "alter table t engine=InnoDB auto_increment=100", "ALTER TABLE `t` ENGINE=InnoDB AUTO_INCREMENT=100" },
        { "alter table t convert to character set utf8mb4 collate utf8mb4_bin", "ALTER TABLE `t` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin" },
        { "alter table t disable keys", "ALTER TABLE `t` DISABLE KEYS" },
        { "alter table t enable keys", "ALTER TABLE `t` ENABLE KEYS" },
        { "alter table t add column x int, algorithm=inplace, lock=none", "ALTER TABLE `t` ADD COLUMN `x` INT, ALGORITHM=INPLACE, LOCK=NONE" },
        { "alter table t force", "ALTER TABLE `t` FORCE" },
        { "alter table t comment 'new'", "ALTER TABLE `t` COMMENT='new'" },
    };
}
