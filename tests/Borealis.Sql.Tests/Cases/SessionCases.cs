namespace Borealis.Sql.Tests.Cases;

/// <summary>Transactions, SET, USE: (statement, canonical print).</summary>
public static class SessionCases
{
    public static TheoryData<string, string> Cases => new()
    {
        { "begin", "START TRANSACTION" },
        { "begin work", "START TRANSACTION" },
        { "start transaction", "START TRANSACTION" },
        { "start transaction read only", "START TRANSACTION READ ONLY" },
        { "start transaction read write, with consistent snapshot", "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ WRITE" },
        { "START TRANSACTION /*!40100 WITH CONSISTENT SNAPSHOT */", "START TRANSACTION WITH CONSISTENT SNAPSHOT" },
        { "commit", "COMMIT" },
        { "commit work", "COMMIT" },
        { "rollback", "ROLLBACK" },
        { "rollback work", "ROLLBACK" },
        { "rollback to sp", "ROLLBACK TO SAVEPOINT `sp`" },
        { "rollback work to savepoint sp", "ROLLBACK TO SAVEPOINT `sp`" },
        { "savepoint sp", "SAVEPOINT `sp`" },
        { "release savepoint sp", "RELEASE SAVEPOINT `sp`" },
        { "set autocommit=0", "SET autocommit = 0" },
        { "set autocommit = ON", "SET autocommit = ON" },
        { "set @a = 1, @b := 'x'", "SET @a = 1, @b = 'x'" },
        { "set session sql_mode = 'STRICT_TRANS_TABLES', global max_connections = 10, local wait_timeout = default",
          "SET SESSION sql_mode = 'STRICT_TRANS_TABLES', GLOBAL max_connections = 10, LOCAL wait_timeout = DEFAULT" },
        { "set @@session.autocommit = 1, @@global.x = 2, @@y = 3", "SET SESSION autocommit = 1, GLOBAL x = 2, y = 3" },
        { "set persist innodb_buffer_pool_size = 1024", "SET PERSIST innodb_buffer_pool_size = 1024" },
        { "set sql_mode = traditional", "SET sql_mode = `traditional`" },
        { "SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0", "SET @OLD_UNIQUE_CHECKS = @@UNIQUE_CHECKS, UNIQUE_CHECKS = 0" },
        { "SET tmp_table_size=2*1024*1024*1024", "SET tmp_table_size = 2 * 1024 * 1024 * 1024" },
        { "set names utf8mb4", "SET NAMES utf8mb4" },
        { "set names 'utf8mb4' collate 'utf8mb4_unicode_ci'", "SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci" },
        { "set names default", "SET NAMES DEFAULT" },
        { "set character set utf8mb4", "SET CHARACTER SET utf8mb4" },
        { "set charset default", "SET CHARACTER SET DEFAULT" },
        { "set names utf8, @a = 1", "SET NAMES utf8, @a = 1" },
        { "set transaction isolation level read committed", "SET TRANSACTION ISOLATION LEVEL READ COMMITTED" },
        { "set session transaction isolation level repeatable read", "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ" },
        { "set global transaction read only", "SET GLOBAL TRANSACTION READ ONLY" },
        { "set transaction isolation level serializable, read write", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ WRITE" },
        { "set transaction isolation level read uncommitted", "SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED" },
        { "set password = 'secret'", "SET PASSWORD = 'secret'" },
        { "set password for 'bob'@'%' = 'x'", "SET PASSWORD FOR 'bob'@'%' = 'x'" },
        { "use shop", "USE `shop`" },
        { "use `my db`", "USE `my db`" },
    };
}
