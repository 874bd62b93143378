using MySqlConnector;

namespace Borealis.Interop.Tests;

/// <summary>The real executable: <c>borealis up</c>, rows committed over MySQL, kill -9, start again.</summary>
public sealed class ProcessRestartTests
{
    [Fact]
    public async Task Committed_rows_survive_kill_9_of_borealis_up()
    {
        var directory = Path.Combine(Path.GetTempPath(), "borealis-up-" + Guid.NewGuid().ToString("N")[..12]);
        // Six storage ports from the first one; pick a base with room above it.
        var storagePort = 32000 + (Environment.ProcessId % 100) * 10;
        var mysqlPort = BorealisUpProcess.FreePort();
        var kinesisPort = BorealisUpProcess.FreePort();
        var connection = $"Server=127.0.0.1;Port={mysqlPort};User ID=root;Password=;SslMode=Required;Pooling=false";
        try
        {
            await using (var up = await BorealisUpProcess.StartAsync(directory, storagePort, mysqlPort, kinesisPort))
            {
                Assert.Contains($"mysql: 127.0.0.1:{mysqlPort}", up.Output, StringComparison.Ordinal);
                Assert.DoesNotContain("MySQL", up.Output.Split('\n').Single(l => l.StartsWith("not yet built", StringComparison.Ordinal)), StringComparison.Ordinal);
                await using var c = new MySqlConnection(connection);
                await c.OpenAsync();
                await new MySqlCommand("CREATE DATABASE app; USE app; CREATE TABLE notes (id INT AUTO_INCREMENT PRIMARY KEY, body TEXT NOT NULL)", c).ExecuteNonQueryAsync();
                for (var i = 0; i < 20; i++)
                {
                    await using var insert = new MySqlCommand("INSERT INTO notes (body) VALUES (@b)", c);
                    insert.Parameters.AddWithValue("@b", "note " + i);
                    await insert.ExecuteNonQueryAsync();
                }
                await new MySqlCommand("BEGIN; INSERT INTO notes (body) VALUES ('never committed')", c).ExecuteNonQueryAsync();
                await up.KillAsync();
            }
            await using (var up = await BorealisUpProcess.StartAsync(directory, storagePort, mysqlPort, kinesisPort))
            {
                await using var c = new MySqlConnection(connection + ";Database=app");
                await c.OpenAsync();
                Assert.Equal(20L, await new MySqlCommand("SELECT COUNT(*) FROM notes", c).ExecuteScalarAsync());
                Assert.Equal(0L, await new MySqlCommand("SELECT COUNT(*) FROM notes WHERE body = 'never committed'", c).ExecuteScalarAsync());
                Assert.Equal("note 19", await new MySqlCommand("SELECT body FROM notes WHERE id = 20", c).ExecuteScalarAsync());
            }
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
