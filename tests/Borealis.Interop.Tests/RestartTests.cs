using Borealis.Sql.Execution.Tests;
using MySqlConnector;

namespace Borealis.Interop.Tests;

/// <summary>Committed rows, the catalog and AUTO_INCREMENT survive a restart; uncommitted rows do not.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Rows_survive_a_restart()
    {
        await using var host = await SqlServerHost.StartAsync();
        await using (var c = new MySqlConnection(host.ConnectionString()))
        {
            await c.OpenAsync();
            await new MySqlCommand("CREATE DATABASE keep; USE keep; CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(10), KEY v (v)); INSERT INTO t (v) VALUES ('a'), ('b'), ('c')", c).ExecuteNonQueryAsync();
            await new MySqlCommand("UPDATE t SET v = 'z' WHERE id = 2; DELETE FROM t WHERE id = 3", c).ExecuteNonQueryAsync();
            // Open at the restart: must not be there afterwards.
            await new MySqlCommand("BEGIN; INSERT INTO t (v) VALUES ('open')", c).ExecuteNonQueryAsync();
        }
        await host.RestartAsync();
        await using (var c = new MySqlConnection(host.ConnectionString("keep")))
        {
            await c.OpenAsync();
            var rows = new List<string>();
            await using (var reader = await new MySqlCommand("SELECT id, v FROM t ORDER BY id", c).ExecuteReaderAsync())
                while (await reader.ReadAsync()) rows.Add($"{reader.GetInt32(0)}={reader.GetString(1)}");
            Assert.Equal(["1=a", "2=z"], rows);
            await new MySqlCommand("INSERT INTO t (v) VALUES ('d')", c).ExecuteNonQueryAsync();
            var id = Convert.ToInt64(await new MySqlCommand("SELECT LAST_INSERT_ID()", c).ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            // Sequences hand out blocks reserved durably, so after a restart the next value is past the block, never reused.
            Assert.True(id > 3, $"id {id} was handed out before the restart");
            Assert.Equal("CREATE TABLE `t` (\n  `id` int NOT NULL AUTO_INCREMENT,\n  `v` varchar(10) DEFAULT NULL,\n  PRIMARY KEY (`id`),\n  KEY `v` (`v`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci",
                (await new MySqlCommand("SHOW CREATE TABLE t", c).ExecuteReaderAsync() is var r && await r.ReadAsync() ? r.GetString(1) : null));
        }
    }
}
