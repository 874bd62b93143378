using Borealis.Sql.Execution.Tests;

namespace Borealis.Interop.Tests;

/// <summary>The mariadb CLI: a script creating, loading, changing and querying a table.</summary>
public sealed class MariaDbCliTests(SqlFixture fixture) : IClassFixture<SqlFixture>
{
    [MariaDbCliFact]
    public async Task Script_end_to_end()
    {
        const string script = """
            CREATE DATABASE cli;
            USE cli;
            CREATE TABLE pets (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) NOT NULL, born DATE, UNIQUE KEY name (name));
            INSERT INTO pets (name, born) VALUES ('rex', '2020-01-02'), ('tom', NULL), ('ada', '2019-12-31');
            START TRANSACTION;
            UPDATE pets SET born = '2021-03-04' WHERE name = 'tom';
            DELETE FROM pets WHERE id = 1;
            COMMIT;
            SELECT id, name, born FROM pets ORDER BY name;
            SELECT COUNT(*) AS n FROM pets;
            """;
        var (exit, stdout, stderr) = await MariaDbCli.RunAsync(fixture.Host.Port, script);
        Assert.True(exit == 0, stderr);
        Assert.Equal("id\tname\tborn\n3\tada\t2019-12-31\n2\ttom\t2021-03-04\nn\n2\n", stdout);
    }

    [MariaDbCliFact]
    public async Task Errors_are_printed_with_number_and_state()
    {
        var (exit, _, stderr) = await MariaDbCli.RunAsync(fixture.Host.Port, "SELECT * FROM nowhere.t;");
        Assert.NotEqual(0, exit);
        Assert.Contains("ERROR 1049 (42000) at line 1: Unknown database 'nowhere'", stderr, StringComparison.Ordinal);
    }

    [MariaDbCliFact]
    public async Task Unknown_database_at_connect_is_1049()
    {
        var (exit, _, stderr) = await MariaDbCli.RunAsync(fixture.Host.Port, "SELECT 1;", database: "no_such_database");
        Assert.NotEqual(0, exit);
        Assert.Contains("ERROR 1049 (42000): Unknown database 'no_such_database'", stderr, StringComparison.Ordinal);
    }

    [MariaDbCliFact]
    public async Task Show_and_describe()
    {
        var (exit, stdout, stderr) = await MariaDbCli.RunAsync(fixture.Host.Port, "CREATE DATABASE cli2; USE cli2; CREATE TABLE k (a BIGINT UNSIGNED PRIMARY KEY); SHOW DATABASES; SHOW TABLES; DESCRIBE k;");
        Assert.True(exit == 0, stderr);
        Assert.Contains("cli2\n", stdout, StringComparison.Ordinal);
        Assert.Contains("Tables_in_cli2\nk\n", stdout, StringComparison.Ordinal);
        Assert.Contains("a\tbigint unsigned\tNO\tPRI\tNULL\t\n", stdout, StringComparison.Ordinal);
    }
}
