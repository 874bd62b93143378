using Borealis.Sql.Printing;
using Borealis.Sql.Syntax;
using Borealis.Sql.Tests.Cases;

namespace Borealis.Sql.Tests;

/// <summary>Text captured from real clients: sysbench 1.0.20 and mariadb-dump 10.11 (Debian 12).</summary>
public sealed class RealClientTextTests
{
    private static string DataFile(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", name));

    [Theory, MemberData(nameof(SysbenchCases.Cases), MemberType = typeof(SysbenchCases))]
    public void Sysbench_statement_has_its_canonical_form(string sql, string canonical) => SqlAssert.Canonical(sql, canonical);

    public static TheoryData<string> CapturedSysbenchStatements()
    {
        var data = new TheoryData<string>();
        foreach (var record in DataFile("sysbench-1.0.20-statements.txt").Split("\n----\n", StringSplitOptions.RemoveEmptyEntries))
        {
            // Each record starts with a "-- Query|Prepare|Execute" line naming the protocol command.
            var text = record[(record.IndexOf('\n', StringComparison.Ordinal) + 1)..];
            if (!string.IsNullOrWhiteSpace(text)) data.Add(text);
        }
        return data;
    }

    [Theory, MemberData(nameof(CapturedSysbenchStatements))]
    public void Every_captured_sysbench_statement_parses_and_round_trips(string sql) => SqlAssert.RoundTrips(SqlParser.ParseSingle(sql));

    public static TheoryData<string> CapturedMariaDbDumpQueries()
    {
        var data = new TheoryData<string>();
        foreach (var line in DataFile("mariadb-dump-queries.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries)) data.Add(line);
        return data;
    }

    /// <summary>Every statement mariadb-dump sent to the server while dumping one database and all databases.</summary>
    [Theory, MemberData(nameof(CapturedMariaDbDumpQueries))]
    public void Every_statement_mariadb_dump_sends_parses_and_round_trips(string sql)
    {
        foreach (var statement in SqlParser.Parse(sql)) SqlAssert.RoundTrips(statement);
    }

    [Fact]
    public void A_mariadb_dump_file_parses_statement_by_statement()
    {
        var statements = SqlParser.Parse(DataFile("mariadb-dump-shop.sql"));
        foreach (var statement in statements) SqlAssert.RoundTrips(statement);

        // 10 SETs, CREATE DATABASE, USE, 29 for the three tables, 8 SETs, and the closing
        // "-- Dump completed" comment, which MySQL treats as a statement that does nothing.
        Assert.Equal(50, statements.Count);
        Assert.Equal(new EmptyStatement(HadComment: true), statements[^1]);
        Assert.Equal(3, statements.OfType<CreateTableStatement>().Count());
        Assert.Equal(2, statements.OfType<InsertStatement>().Count());
        Assert.Equal(3, statements.OfType<LockTablesStatement>().Count());
        Assert.Equal(6, statements.OfType<AlterTableStatement>().Count(alter => alter.Actions is [KeysAction]));

        var customers = statements.OfType<CreateTableStatement>().Single(create => create.Table.Name == "customers");
        Assert.Equal(18, customers.Elements.OfType<ColumnDefinition>().Count());
        Assert.Equal(
            "CREATE TABLE `customers` (`id` INT(10) UNSIGNED NOT NULL AUTO_INCREMENT, `email` VARCHAR(255) NOT NULL, `name` VARCHAR(100) DEFAULT NULL, " +
            "`balance` DECIMAL(12,2) NOT NULL DEFAULT 0.00, `status` ENUM('active','blocked') NOT NULL DEFAULT 'active', `flags` SET('a','b','c') DEFAULT NULL, " +
            "`created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `updated_at` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP() ON UPDATE CURRENT_TIMESTAMP(), " +
            "`birth` DATE DEFAULT NULL, `note` TEXT DEFAULT NULL COMMENT 'free text', `avatar` BLOB DEFAULT NULL, `score` DOUBLE DEFAULT NULL, " +
            "`ratio` FLOAT(7,3) DEFAULT NULL, `big` BIGINT(20) UNSIGNED ZEROFILL DEFAULT NULL, `tiny` TINYINT(1) DEFAULT NULL, `b` BIT(3) DEFAULT NULL, " +
            "`y` YEAR(4) DEFAULT NULL, `t` TIME(2) DEFAULT NULL, PRIMARY KEY (`id`), UNIQUE KEY `uq_email` (`email`), KEY `ix_name_status` (`name`(20), `status`)) " +
            "ENGINE=InnoDB AUTO_INCREMENT=4 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='the customers'",
            SqlPrinter.Print(customers));

        var rows = (InsertValues)statements.OfType<InsertStatement>().First().Source;
        Assert.Equal(3, rows.Rows.Count);
        Assert.Equal(new StringLiteral("Ann O'Neil"), rows.Rows[0][2]);
        Assert.Equal(new StringLiteral("line1\nline2 \"quoted\" \\ back"), rows.Rows[0][9]);
        Assert.Equal(new StringLiteral("bin\0zero"), rows.Rows[2][10]);
        Assert.Equal(new UnaryExpression(UnaryOperator.Negate, new NumberLiteral("3.10", NumberKind.Decimal)), rows.Rows[2][3]);
    }

    /// <summary>
    /// A dump in the exact format of MySQL 8.0's mysqldump (written by hand from its output):
    /// SHOW CREATE TABLE text with 8.0's lower-case types, generated columns, functional and
    /// invisible keys, checks, /*!NNNNN */ parts, and the three-part view definition.
    /// </summary>
    [Fact]
    public void A_mysqldump_8_file_parses_statement_by_statement()
    {
        var statements = SqlParser.Parse(DataFile("mysqldump-8.0-shop.sql"));
        foreach (var statement in statements) SqlAssert.RoundTrips(statement);

        var items = statements.OfType<CreateTableStatement>().Single(create => create.Table.Name == "items");
        var columns = items.Elements.OfType<ColumnDefinition>().ToDictionary(column => column.Name);
        Assert.Equal(22, columns.Count);
        Assert.Equal(new GeneratedColumn(new BinaryExpression(BinaryOperator.Multiply, new ColumnReference("price"), new ColumnReference("qty")), Stored: true), columns["total"].Generated);
        Assert.True(columns["secret"].Invisible);
        Assert.Equal(new FunctionCall("UUID", default), columns["uuid"].Default);
        Assert.Equal(new DataType(DataTypeName.VarChar, 32, CharacterSet: "ascii", Collation: "ascii_bin"), columns["sku"].Type);
        Assert.Equal(new DataType(DataTypeName.Decimal, 10, 2, Unsigned: true, Zerofill: true), columns["price"].Type);
        Assert.True(items.Elements.OfType<IndexDefinition>().Single(index => index.Name == "hidden").Invisible);
        Assert.False(items.Elements.OfType<CheckConstraint>().Single(check => check.Name == "items_chk_2").Enforced);
        Assert.Contains(new TableOption("COLLATE", "utf8mb4_0900_ai_ci", false), items.Options);

        var views = statements.OfType<CreateViewStatement>().ToList();
        Assert.Equal(2, views.Count);
        Assert.Equal("SELECT `items`.`id` AS `id`, `items`.`name` AS `name` FROM `items` WHERE `items`.`price` < 10", SqlPrinter.Print(views[1].Query));

        var insert = statements.OfType<InsertStatement>().Single();
        Assert.Equal(3, ((InsertValues)insert.Source).Rows.Count);
        Assert.Equal(new StringLiteral("\0\0\\", "binary"), ((InsertValues)insert.Source).Rows[0][17]);
    }
}
