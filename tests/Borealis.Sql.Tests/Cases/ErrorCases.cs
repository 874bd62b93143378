namespace Borealis.Sql.Tests.Cases;

/// <summary>Syntax errors: (text, MySQL's ER_PARSE_ERROR message).</summary>
public static class ErrorCases
{
    private const string Prefix = "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near ";

    public static TheoryData<string, string> Cases => new()
    {
        { "SELEC 1", Prefix + "'SELEC 1' at line 1" },
        { "select * form t", Prefix + "'form t' at line 1" },
        { "select 1 +", Prefix + "'' at line 1" },
        { "select 1 +   ;  ", Prefix + "'' at line 1" },
        { "select 'abc", Prefix + "''abc' at line 1" },
        { "select `abc", Prefix + "'`abc' at line 1" },
        { "select 1\nfrom t\nwhere", Prefix + "'' at line 3" },
        { "select *\nfrom t\nwhere a = = 1", Prefix + "'= 1' at line 3" },
        { "\n\n  select * from where", Prefix + "'where' at line 1" },
        { "select 'a\nb' from where", Prefix + "'where' at line 1" },
        { "select `a\nb` from where", Prefix + "'where' at line 1" },
        { "select /*\n\n*/ * from where", Prefix + "'where' at line 3" },
        { "select 1 -- c\nfrom where", Prefix + "'where' at line 2" },
        { "select 1 /*!40101 +\n */ from where", Prefix + "'from where' at line 2" },
        { "select 1; ;select 2", Prefix + "';select 2' at line 1" },
        { "select 1 /* x", Prefix + "'/* x' at line 1" },
        { "create table select (a int)", Prefix + "'select (a int)' at line 1" },
        { "select 1 from t where a in ()", Prefix + "')' at line 1" },
        { "insert into t values (1", Prefix + "'' at line 1" },
        { "select 1 :", Prefix + "':' at line 1" },
        { "select 1; selec 2", Prefix + "'selec 2' at line 1" },
        { "select 1;\nselect 2;\n\n  selec 3", Prefix + "'selec 3' at line 1" },
        { "select 1;\nselect\n2 +", Prefix + "'' at line 2" },
        { "select 1 +; select 2", Prefix + "'; select 2' at line 1" },
        { "select * from t where x = 1 and and y = 2 and this text goes on long enough to be cut at eighty characters by mysql",
          Prefix + "'and y = 2 and this text goes on long enough to be cut at eighty characters by my' at line 1" },
        { "update t set a = 1 order by", Prefix + "'' at line 1" },
        { "select a from t natural b", Prefix + "'b' at line 1" },
        { "select a from t left join u", Prefix + "'' at line 1" },
        { "show full databases", Prefix + "'databases' at line 1" },
        { "select case end", Prefix + "'' at line 1" },
        { "start transaction read only, read write", Prefix + "'write' at line 1" },
        { "create table t (a varchar)", Prefix + "')' at line 1" },
        { "select 1 union", Prefix + "'' at line 1" },
        { "drop", Prefix + "'' at line 1" },
        { "select ((1)", Prefix + "'' at line 1" },
        { "select 1 /*!99999 garbage */ ,", Prefix + "'' at line 1" },
        { "select _utf8mb4", Prefix + "'' at line 1" },
        { "select x'4", Prefix + "'x'4' at line 1" },
        { "select x'4' from t", Prefix + "'x'4' from t' at line 1" },
        { "select X'4G'", Prefix + "'X'4G'' at line 1" },
        { "select b'102'", Prefix + "'b'102'' at line 1" },
        { "select a, * from t", Prefix + "'* from t' at line 1" },
        { "select * from (select 1) where 1", "Every derived table must have its own alias" },
        { "update t1, t2 set t1.a = 1 order by t1.a", "Incorrect usage of UPDATE and ORDER BY" },
        { "update t1 join t2 on t1.id = t2.id set t1.a = 1 limit 1", "Incorrect usage of UPDATE and LIMIT" },
    };
}
