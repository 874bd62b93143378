using Borealis.MySql.Tests.Harness;
using MySqlConnector;
using ClientError = MySqlConnector.MySqlErrorCode;

namespace Borealis.MySql.Tests;

/// <summary>MySqlConnector against the protocol layer: handshake, auth, TLS, text results, errors, multi-results.</summary>
public sealed class ConnectorTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Theory]
    [InlineData("native", MySqlSslMode.None)]
    [InlineData("native", MySqlSslMode.Required)]
    [InlineData("sha", MySqlSslMode.Required)]
    [InlineData("empty", MySqlSslMode.None)]
    [InlineData("empty", MySqlSslMode.Required)]
    public async Task Connects_with_each_plugin_with_and_without_tls(string user, MySqlSslMode ssl)
    {
        await using var connection = await Server.OpenAsync(user, user == "empty" ? "" : null, ssl);
        Assert.Equal("8.0.36-Borealis", connection.ServerVersion);
        await using var command = new MySqlCommand("SELECT 1", connection);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
        command.CommandText = "select ssl()";
        Assert.Equal(ssl == MySqlSslMode.None ? "no" : "yes", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Caching_sha2_fast_path_after_full_authentication_over_tls()
    {
        // The first login fills the cache over TLS, the second takes the fast path without TLS.
        await using (var first = await Server.OpenAsync("sha", ssl: MySqlSslMode.Required)) { }
        await using var second = await Server.OpenAsync("sha", ssl: MySqlSslMode.None);
        await using var command = new MySqlCommand("SELECT 1", second);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Caching_sha2_full_authentication_with_rsa_public_key_retrieval()
    {
        await using var connection = new MySqlConnection(Server.ConnectionString("rsa", ssl: MySqlSslMode.None) + "AllowPublicKeyRetrieval=true");
        await connection.OpenAsync();
        await using var command = new MySqlCommand("select current_user()", connection);
        Assert.Equal("rsa@%", await command.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("native", MySqlSslMode.None)]
    [InlineData("sha", MySqlSslMode.Required)]
    [InlineData("nobody", MySqlSslMode.None)]
    public async Task Wrong_password_is_error_1045(string user, MySqlSslMode ssl)
    {
        var error = await Assert.ThrowsAsync<MySqlException>(() => Server.OpenAsync(user, "wrong", ssl));
        Assert.Equal(ClientError.AccessDenied, error.ErrorCode);
        Assert.Equal("28000", error.SqlState);
        Assert.Equal($"Access denied for user '{user}'@'localhost' (using password: YES)", error.Message);
    }

    [Fact]
    public async Task No_password_says_using_password_NO()
    {
        var error = await Assert.ThrowsAsync<MySqlException>(() => Server.OpenAsync("native", ""));
        Assert.Equal("Access denied for user 'native'@'localhost' (using password: NO)", error.Message);
    }

    [Fact]
    public async Task Require_ssl_account_is_refused_without_tls_and_accepted_with_it()
    {
        var error = await Assert.ThrowsAsync<MySqlException>(() => Server.OpenAsync("secure", ssl: MySqlSslMode.None));
        Assert.Equal(ClientError.AccessDenied, error.ErrorCode);
        await using var connection = await Server.OpenAsync("secure", ssl: MySqlSslMode.Required);
        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
    }

    [Fact]
    public async Task Host_pattern_specificity_picks_the_localhost_account()
    {
        await using var connection = await Server.OpenAsync("local");
        await using var command = new MySqlCommand("select current_user()", connection);
        Assert.Equal("local@localhost", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Every_column_type_in_the_text_protocol()
    {
        await using var connection = await Server.OpenAsync();
        await AssertTypesAsync(connection, prepare: false);
    }

    [Fact]
    public async Task Every_column_type_in_the_binary_protocol()
    {
        await using var connection = await Server.OpenAsync();
        await AssertTypesAsync(connection, prepare: true);
    }

    internal static async Task AssertTypesAsync(MySqlConnection connection, bool prepare)
    {
        await using var command = new MySqlCommand("select types", connection);
        if (prepare) await command.PrepareAsync();
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((sbyte)-5, reader.GetValue(0));
        Assert.Equal((byte)200, reader.GetValue(1));
        Assert.Equal((short)-30000, reader.GetValue(2));
        Assert.Equal(-8000000, reader.GetValue(3));
        Assert.Equal(-2000000000, reader.GetValue(4));
        Assert.Equal(-9000000000000000000L, reader.GetValue(5));
        Assert.Equal(18000000000000000000UL, reader.GetValue(6));
        Assert.Equal(1.5f, reader.GetValue(7));
        Assert.Equal(Math.PI, reader.GetValue(8));
        Assert.Equal(12345.678m, reader.GetValue(9));
        Assert.Equal(new DateTime(2024, 2, 29), reader.GetValue(10));
        Assert.Equal(new DateTime(2024, 2, 29, 13, 14, 15).AddTicks(1234560), reader.GetValue(11));
        Assert.Equal(new DateTime(2001, 2, 3, 4, 5, 6), reader.GetValue(12));
        Assert.Equal(-new TimeSpan(34, 22, 59, 59), reader.GetValue(13));
        Assert.Equal(2024, reader.GetValue(14));
        Assert.Equal("héllo wörld", reader.GetValue(15));
        Assert.Equal(TestSession.BlobValue, (byte[])reader.GetValue(16));
        Assert.Equal("{\"a\": 1}", reader.GetValue(17));
        Assert.Equal(0b1010_0101UL, reader.GetValue(18));
        Assert.Equal("b", reader.GetValue(19));
        Assert.Equal(true, reader.GetValue(20));
        Assert.True(await reader.ReadAsync());
        for (var i = 0; i < reader.FieldCount; i++) Assert.True(reader.IsDBNull(i), $"column {i} should be NULL");
        Assert.False(await reader.ReadAsync());
        Assert.Equal("t_datetime", reader.GetName(11));
    }

    [Fact]
    public async Task Many_rows_stream_with_nulls()
    {
        await using var connection = await Server.OpenAsync();
        await using var command = new MySqlCommand("select rows 20000", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var count = 0;
        while (await reader.ReadAsync())
        {
            Assert.Equal((long)count, reader.GetInt64(0));
            Assert.Equal(count % 10 == 9, reader.IsDBNull(1));
            count++;
        }
        Assert.Equal(20000, count);
    }

    [Fact]
    public async Task Empty_result_set()
    {
        await using var connection = await Server.OpenAsync();
        await using var command = new MySqlCommand("select empty", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.Equal(2, reader.FieldCount);
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task Ok_packet_carries_affected_rows_and_last_insert_id()
    {
        await using var connection = await Server.OpenAsync();
        await using var command = new MySqlCommand("insert", connection);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
        Assert.Equal(42, command.LastInsertedId);
    }

    [Fact]
    public async Task Found_rows_capability_reaches_the_session()
    {
        await using var connection = await Server.OpenAsync(extra: "UseAffectedRows=false");
        await using var command = new MySqlCommand("update", connection);
        Assert.Equal(3, await command.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task Multi_statements_give_multi_results()
    {
        await using var connection = await Server.OpenAsync();
        await using var command = new MySqlCommand("SELECT 1; insert; SELECT 2; select types", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(1L, reader.GetInt64(0));
        Assert.True(await reader.NextResultAsync());
        Assert.True(await reader.ReadAsync());
        Assert.Equal(2L, reader.GetInt64(0));
        Assert.True(await reader.NextResultAsync());
        Assert.True(await reader.ReadAsync());
        Assert.Equal((sbyte)-5, reader.GetValue(0));
        Assert.True(await reader.ReadAsync());
        Assert.False(await reader.NextResultAsync());
    }

    [Fact]
    public async Task Error_in_the_middle_of_a_batch_ends_it_with_the_error()
    {
        await using var connection = await Server.OpenAsync();
        await using var command = new MySqlCommand("SELECT 1; select missing; SELECT 2", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var error = await Assert.ThrowsAsync<MySqlException>(() => reader.NextResultAsync());
        Assert.Equal(ClientError.NoSuchTable, error.ErrorCode);
        Assert.Equal("42S02", error.SqlState);
        Assert.Equal("Table 'test.missing' doesn't exist", error.Message);
    }

    [Fact]
    public async Task Errors_keep_the_connection_usable()
    {
        await using var connection = await Server.OpenAsync();
        await using var command = new MySqlCommand("no such statement", connection);
        var error = await Assert.ThrowsAsync<MySqlException>(() => command.ExecuteNonQueryAsync());
        Assert.Equal(ClientError.ParseError, error.ErrorCode);
        Assert.Equal("42000", error.SqlState);
        command.CommandText = "half";
        await Assert.ThrowsAsync<MySqlException>(async () =>
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) { }
        });
        command.CommandText = "crash";
        error = await Assert.ThrowsAsync<MySqlException>(() => command.ExecuteNonQueryAsync());
        Assert.Equal(1815, error.Number);
        command.CommandText = "SELECT 1";
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Database_from_the_connection_string_and_change_database()
    {
        await using var connection = await Server.OpenAsync(extra: "Database=shop");
        await using var command = new MySqlCommand("select database()", connection);
        Assert.Equal("shop", await command.ExecuteScalarAsync());
        await connection.ChangeDatabaseAsync("other");
        Assert.Equal("other", await command.ExecuteScalarAsync());
        var error = await Assert.ThrowsAsync<MySqlException>(() => connection.ChangeDatabaseAsync("nodb"));
        Assert.Equal(ClientError.UnknownDatabase, error.ErrorCode);
    }

    [Fact]
    public async Task Unknown_database_at_connect_is_1049()
    {
        var error = await Assert.ThrowsAsync<MySqlException>(() => Server.OpenAsync(extra: "Database=nodb"));
        Assert.Equal(ClientError.UnknownDatabase, error.ErrorCode);
    }

    [Fact]
    public async Task Ping_and_pooled_reset()
    {
        var cs = Server.ConnectionString(pooling: true) + "ConnectionReset=true";
        for (var i = 0; i < 3; i++)
        {
            await using var connection = new MySqlConnection(cs);
            await connection.OpenAsync();
            Assert.True(await connection.PingAsync());
            await using var command = new MySqlCommand("SELECT 1", connection);
            Assert.Equal(1L, await command.ExecuteScalarAsync());
        }
        await MySqlConnection.ClearPoolAsync(new MySqlConnection(cs));
    }

    [Fact]
    public async Task Large_rows_over_16_MiB_in_both_directions()
    {
        await using var connection = await Server.OpenAsync(extra: "DefaultCommandTimeout=120");
        foreach (var size in new[] { 16_777_211, 16_777_215, 17 * 1024 * 1024 })
        {
            await using var command = new MySqlCommand($"select big {size}", connection);
            var value = (byte[])(await command.ExecuteScalarAsync())!;
            Assert.Equal(size, value.Length);
            Assert.Equal((byte)'<', value[0]);
            Assert.Equal((byte)'>', value[^1]);
        }
        // Not exactly 2^24-1: MySqlConnector sends such a payload without the empty packet that
        // must follow it (RawProtocolTests covers that boundary).
        foreach (var size in new[] { 16_777_215 + 100, 17 * 1024 * 1024 })
        {
            await using var command = new MySqlCommand("select len " + new string('y', size), connection);
            Assert.Equal((long)size, await command.ExecuteScalarAsync());
        }
    }

    [Fact]
    public async Task Cancel_sends_kill_query_and_the_query_is_interrupted()
    {
        await using var connection = await Server.OpenAsync();
        await using var command = new MySqlCommand("sleep", connection);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => command.ExecuteNonQueryAsync(cts.Token));
        command.CommandText = "SELECT 1";
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Kill_connection_from_another_session()
    {
        await using var victim = await Server.OpenAsync("other");
        await using var killer = await Server.OpenAsync("native");
        await using var kill = new MySqlCommand($"kill {victim.ServerThread}", killer);
        await kill.ExecuteNonQueryAsync();
        await using var command = new MySqlCommand("SELECT 1", victim);
        await Assert.ThrowsAnyAsync<Exception>(() => command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Kill_of_another_users_connection_is_denied_without_the_privilege()
    {
        await using var victim = await Server.OpenAsync("native");
        await using var killer = await Server.OpenAsync("other");
        await using var kill = new MySqlCommand($"kill {victim.ServerThread}", killer);
        var error = await Assert.ThrowsAsync<MySqlException>(() => kill.ExecuteNonQueryAsync());
        Assert.Equal(ClientError.KillDenied, error.ErrorCode);
        kill.CommandText = "kill 999999";
        error = await Assert.ThrowsAsync<MySqlException>(() => kill.ExecuteNonQueryAsync());
        Assert.Equal(ClientError.NoSuchThread, error.ErrorCode);
        Assert.Equal("Unknown thread id: 999999", error.Message);
    }

    [Fact]
    public async Task Connection_attributes_and_ids_are_distinct()
    {
        await using var a = await Server.OpenAsync();
        await using var b = await Server.OpenAsync();
        Assert.NotEqual(a.ServerThread, b.ServerThread);
        await using var command = new MySqlCommand("select connection_id()", a);
        Assert.Equal((long)a.ServerThread, await command.ExecuteScalarAsync());
    }
}
