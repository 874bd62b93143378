namespace Borealis.Sql.Tests.Cases;

/// <summary>Accounts and privileges: (statement, canonical print).</summary>
public static class AccountCases
{
    public static TheoryData<string, string> Cases => new()
    {
        { "create user bob", "CREATE USER 'bob'@'%'" },
        { "create user 'bob'@'localhost' identified by 'pw'", "CREATE USER 'bob'@'localhost' IDENTIFIED BY 'pw'" },
        { "create user if not exists bob@localhost identified with caching_sha2_password by 'pw' require ssl",
          "CREATE USER IF NOT EXISTS 'bob'@'localhost' IDENTIFIED WITH `caching_sha2_password` BY 'pw' REQUIRE SSL" },
        { "create user `a`@`10.0.0.%` identified with 'mysql_native_password' as '*ABC', 'c'@'%' require none",
          "CREATE USER 'a'@'10.0.0.%' IDENTIFIED WITH `mysql_native_password` AS '*ABC', 'c'@'%' REQUIRE NONE" },
        { "create user 'x' @ 'h'", "CREATE USER 'x'@'h'" },
        { "create user u@192.168.1.1", "CREATE USER 'u'@'192.168.1.1'" },
        { "alter user 'bob'@'%' identified by 'new'", "ALTER USER 'bob'@'%' IDENTIFIED BY 'new'" },
        { "alter user if exists bob require x509", "ALTER USER IF EXISTS 'bob'@'%' REQUIRE X509" },
        { "alter user user() identified by 'x'", "ALTER USER CURRENT_USER IDENTIFIED BY 'x'" },
        { "drop user bob, 'amy'@'localhost'", "DROP USER 'bob'@'%', 'amy'@'localhost'" },
        { "drop user if exists bob", "DROP USER IF EXISTS 'bob'@'%'" },
        { "grant all on *.* to 'root'@'%' with grant option", "GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION" },
        { "grant all privileges on shop.* to bob", "GRANT ALL ON `shop`.* TO 'bob'@'%'" },
        { "grant select, insert, update (a, b), create temporary tables on shop.t to bob, amy@localhost",
          "GRANT SELECT, INSERT, UPDATE (`a`, `b`), CREATE TEMPORARY TABLES ON `shop`.`t` TO 'bob'@'%', 'amy'@'localhost'" },
        { "grant select on t to bob", "GRANT SELECT ON `t` TO 'bob'@'%'" },
        { "grant select on * to bob", "GRANT SELECT ON * TO 'bob'@'%'" },
        { "grant execute on procedure db.p to bob", "GRANT EXECUTE ON PROCEDURE `db`.`p` TO 'bob'@'%'" },
        { "grant replication client, process, reload on *.* to m", "GRANT REPLICATION CLIENT, PROCESS, RELOAD ON *.* TO 'm'@'%'" },
        { "revoke insert on shop.* from bob", "REVOKE INSERT ON `shop`.* FROM 'bob'@'%'" },
        { "revoke all privileges, grant option from bob, amy", "REVOKE ALL, GRANT OPTION FROM 'bob'@'%', 'amy'@'%'" },
    };
}
