using Borealis.MySql.Tests.Harness;
using MySqlConnector;

namespace Borealis.MySql.Tests;

/// <summary>MySqlConnector's server-side prepared statements: binary parameters of every type and binary rows.</summary>
public sealed class PreparedStatementTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    public static TheoryData<object> Values() =>
    [
        (sbyte)-7, (byte)250, (short)-12345, (ushort)60000, -123456789, 4000000000u, long.MinValue, ulong.MaxValue,
        1.25f, -2.5e300, 12345.6789m, "héllo", new byte[] { 0, 1, 2, 255 },
        new DateTime(2023, 12, 31, 23, 59, 58).AddTicks(1234560), new DateTime(2020, 1, 2), new TimeSpan(-3, -4, -5, -6),
        new TimeSpan(1, 2, 3), true,
    ];

    [Theory]
    [MemberData(nameof(Values))]
    public async Task Each_parameter_type_round_trips(object value)
    {
        await using var connection = await Server.OpenAsync();
        await using var command = new MySqlCommand("select echo ?", connection);
        command.Parameters.AddWithValue("p", value);
        await command.PrepareAsync();
        var result = await command.ExecuteScalarAsync();
        switch (value)
        {
            case bool b:
                Assert.Equal(b ? 1 : 0, Convert.ToInt32(result, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case DateTime d:
                Assert.Equal(d, Assert.IsType<DateTime>(result));
                break;
            default:
                Assert.Equal(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), Convert.ToString(result, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }

    [Fact]
    public async Task Null_and_many_parameters_and_reexecution_without_rebinding()
    {
        await using var connection = await Server.OpenAsync();
        await using var command = new MySqlCommand("select echo ?, ?, ?, ?, ?, ?, ?, ?, ?, ?", connection);
        for (var i = 0; i < 10; i++) command.Parameters.AddWithValue($"p{i}", i % 3 == 0 ? DBNull.Value : i);
        await command.PrepareAsync();
        for (var round = 0; round < 3; round++)
        {
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            for (var i = 0; i < 10; i++)
            {
                if (i % 3 == 0) Assert.True(reader.IsDBNull(i));
                else Assert.Equal(i, reader.GetInt32(i));
            }
        }
    }

    [Fact]
    public async Task Binary_rows_stream_and_ok_results()
    {
        await using var connection = await Server.OpenAsync();
        await using var command = new MySqlCommand("select rows ?", connection);
        command.Parameters.AddWithValue("n", 5000);
        await command.PrepareAsync();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            var count = 0;
            while (await reader.ReadAsync())
            {
                Assert.Equal((long)count, reader.GetInt64(0));
                Assert.Equal(count % 10 == 9 ? null : "row-name", reader.IsDBNull(1) ? null : reader.GetString(1));
                count++;
            }
            Assert.Equal(5000, count);
        }
        await using var insert = new MySqlCommand("insert ?, ?", connection);
        insert.Parameters.AddWithValue("a", 1);
        insert.Parameters.AddWithValue("b", "x");
        await insert.PrepareAsync();
        Assert.Equal(2, await insert.ExecuteNonQueryAsync());
        Assert.Equal(7, insert.LastInsertedId);
    }

    [Fact]
    public async Task Large_parameter_over_16_MiB()
    {
        await using var connection = await Server.OpenAsync(extra: "DefaultCommandTimeout=120");
        var big = new byte[17 * 1024 * 1024 + 3];
        big[0] = 1;
        big[^1] = 2;
        await using var command = new MySqlCommand("select echo ?", connection);
        command.Parameters.AddWithValue("p", big);
        await command.PrepareAsync();
        var result = (byte[])(await command.ExecuteScalarAsync())!;
        Assert.Equal(big.Length, result.Length);
        Assert.Equal(2, result[^1]);
    }

    [Fact]
    public async Task Prepare_error_and_unknown_statement()
    {
        await using var connection = await Server.OpenAsync();
        await using var command = new MySqlCommand("no such thing ?", connection);
        command.Parameters.AddWithValue("p", 1);
        var error = await Assert.ThrowsAsync<MySqlException>(() => command.PrepareAsync());
        Assert.Equal(MySqlConnector.MySqlErrorCode.ParseError, error.ErrorCode);
    }

    [Fact]
    public async Task Types_with_eof_packets_when_deprecate_eof_is_not_offered()
    {
        await using var server = TestServer.Start(o => o with { DeprecateEof = false });
        await using var connection = await server.OpenAsync();
        await ConnectorTests.AssertTypesAsync(connection, prepare: false);
        await ConnectorTests.AssertTypesAsync(connection, prepare: true);
        await using var command = new MySqlCommand("SELECT 1; insert; SELECT 2", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.True(await reader.NextResultAsync());
        Assert.True(await reader.ReadAsync());
        Assert.Equal(2L, reader.GetInt64(0));
    }

    [Fact]
    public async Task Native_default_plugin_switches_caching_sha2_accounts()
    {
        // The other direction of the auth switch: the handshake offers mysql_native_password.
        await using var server = TestServer.Start(o => o with { DefaultAuthPlugin = AuthPlugins.NativePassword });
        await using (var tls = await server.OpenAsync("sha", ssl: MySqlSslMode.Required)) { }
        await using var native = await server.OpenAsync("native");
        await using var sha = await server.OpenAsync("sha", ssl: MySqlSslMode.None);
        await using var command = new MySqlCommand("select current_user()", sha);
        Assert.Equal("sha@%", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Tls_off_server_still_serves_plain_clients()
    {
        await using var server = TestServer.Start(o => o with { TlsEnabled = false });
        await using var connection = await server.OpenAsync("native", ssl: MySqlSslMode.Preferred);
        await using var command = new MySqlCommand("select ssl()", connection);
        Assert.Equal("no", await command.ExecuteScalarAsync());
    }
}
