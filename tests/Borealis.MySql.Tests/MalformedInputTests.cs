using Borealis.MySql.Protocol;
using Borealis.MySql.Tests.Harness;
using MySqlConnector;

namespace Borealis.MySql.Tests;

/// <summary>Bad input from the network gets an error or a closed connection; the server always stays up.</summary>
public sealed class MalformedInputTests
{
    private static async Task AssertServerAliveAsync(TestServer server)
    {
        await using var connection = await server.OpenAsync();
        await using var command = new MySqlCommand("SELECT 1", connection);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    private static async Task<RawClient> LoginAsync(TestServer server)
    {
        var client = await RawClient.ConnectAsync(server.Port);
        Assert.Equal(0x00, (await client.LoginAsync("native", "native-pass"))[0]);
        return client;
    }

    [Fact]
    public async Task Garbage_handshake_gets_1043_and_a_closed_connection()
    {
        await using var server = TestServer.Start();
        using (var client = await RawClient.ConnectAsync(server.Port))
        {
            await client.ReadPacketAsync();
            client.Sequence = 1;
            await client.WritePacketAsync(Enumerable.Range(0, 64).Select(i => (byte)(i * 37)).ToArray());
            var error = RawClient.ParseError(await client.ReadPacketAsync());
            Assert.Equal((1043, "08S01"), (error.Code, error.SqlState));
            Assert.True(await client.IsClosedAsync(TimeSpan.FromSeconds(5)));
        }
        using (var client = await RawClient.ConnectAsync(server.Port))
        {
            // A header announcing 16 MiB during the handshake: not a MySQL client.
            await client.ReadPacketAsync();
            await client.WriteRawAsync([0xFF, 0xFF, 0xFF, 0x01, 1, 2, 3]);
            Assert.True(await client.IsClosedAsync(TimeSpan.FromSeconds(5)));
        }
        using (var client = await RawClient.ConnectAsync(server.Port))
        {
            // Truncated: the header promises more than arrives, then the client goes away.
            await client.ReadPacketAsync();
            await client.WriteRawAsync([50, 0, 0, 1, 1, 2, 3]);
        }
        using (var client = await RawClient.ConnectAsync(server.Port))
        {
            // HTTP on the MySQL port.
            await client.WriteRawAsync("GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());
        }
        await AssertServerAliveAsync(server);
    }

    [Fact]
    public async Task Bad_sequence_id_gets_1156_and_close()
    {
        await using var server = TestServer.Start();
        using var client = await LoginAsync(server);
        client.Sequence = 5;
        await client.WritePacketAsync([(byte)CommandKind.Ping]);
        var error = RawClient.ParseError(await client.ReadPacketAsync());
        Assert.Equal((1156, "08S01", "Got packets out of order"), (error.Code, error.SqlState, error.Message));
        Assert.True(await client.IsClosedAsync(TimeSpan.FromSeconds(5)));
        await AssertServerAliveAsync(server);
    }

    [Fact]
    public async Task Packet_over_max_allowed_packet_gets_1153_and_close()
    {
        await using var server = TestServer.Start(o => o with { MaxAllowedPacket = 1024 * 1024 });
        using var client = await LoginAsync(server);
        // Only the header is sent: the limit is enforced before the body is buffered.
        await client.WriteRawAsync([0x00, 0x00, 0x20, 0x00, (byte)CommandKind.Query]);
        var error = RawClient.ParseError(await client.ReadPacketAsync());
        Assert.Equal((1153, "08S01", "Got a packet bigger than 'max_allowed_packet' bytes"), (error.Code, error.SqlState, error.Message));
        Assert.True(await client.IsClosedAsync(TimeSpan.FromSeconds(5)));

        // The same through MySqlConnector, with a split (multi-packet) statement.
        await using var connection = await server.OpenAsync();
        await using var command = new MySqlCommand("select len " + new string('q', 2 * 1024 * 1024), connection);
        var thrown = await Assert.ThrowsAnyAsync<MySqlException>(() => command.ExecuteScalarAsync());
        Assert.Equal(1153, thrown.Number);
        await AssertServerAliveAsync(server);
    }

    [Fact]
    public async Task Unknown_empty_and_truncated_commands_get_errors_and_the_connection_stays()
    {
        await using var server = TestServer.Start();
        using var client = await LoginAsync(server);
        await client.CommandAsync((CommandKind)0x55);
        var error = RawClient.ParseError(await client.ReadPacketAsync());
        Assert.Equal((1047, "08S01", "Unknown command"), (error.Code, error.SqlState, error.Message));
        foreach (var command in new[] { CommandKind.Sleep, CommandKind.Shutdown, CommandKind.BinlogDump, CommandKind.Connect })
        {
            await client.CommandAsync(command);
            Assert.Equal(1047, RawClient.ParseError(await client.ReadPacketAsync()).Code);
        }
        client.Sequence = 0;
        await client.WritePacketAsync([]);
        Assert.Equal(1835, RawClient.ParseError(await client.ReadPacketAsync()).Code);
        await client.CommandAsync(CommandKind.StmtExecute, 1, 0);
        Assert.Equal(1835, RawClient.ParseError(await client.ReadPacketAsync()).Code);
        await client.CommandAsync(CommandKind.ProcessKill, 1);
        Assert.Equal(1835, RawClient.ParseError(await client.ReadPacketAsync()).Code);
        await client.CommandAsync(CommandKind.ChangeUser, (byte)'x');
        Assert.Equal(1835, RawClient.ParseError(await client.ReadPacketAsync()).Code);
        await RawProtocolTests.AssertPingAsync(client);
    }

    [Fact]
    public async Task Random_packets_never_stop_the_server()
    {
        await using var server = TestServer.Start(o => o with { NetReadTimeout = TimeSpan.FromSeconds(2) });
        var random = new Random(20261125);
        for (var connection = 0; connection < 20; connection++)
        {
            using var client = await LoginAsync(server);
            for (var i = 0; i < 30; i++)
            {
                var body = new byte[random.Next(0, 64)];
                random.NextBytes(body);
                var command = (byte)random.Next(0, 40);
                if (command is (byte)CommandKind.Quit or (byte)CommandKind.ProcessKill) command = (byte)CommandKind.Ping;
                client.Sequence = (byte)(random.Next(10) == 0 ? random.Next(256) : 0);
                try
                {
                    await client.WritePacketAsync([command, .. body]);
                }
                catch (IOException)
                {
                    break;
                }
            }
        }
        using (var raw = await RawClient.ConnectAsync(server.Port))
        {
            var junk = new byte[4096];
            random.NextBytes(junk);
            await raw.WriteRawAsync(junk);
        }
        await AssertServerAliveAsync(server);
    }

    [Fact]
    public async Task Wait_timeout_closes_an_idle_connection_with_4031()
    {
        await using var server = TestServer.Start(o => o with { WaitTimeout = TimeSpan.FromSeconds(1), InteractiveTimeout = TimeSpan.FromSeconds(1) });
        using var client = await LoginAsync(server);
        var error = RawClient.ParseError(await client.ReadPacketAsync());
        Assert.Equal((4031, "HY000"), (error.Code, error.SqlState));
        Assert.True(await client.IsClosedAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Net_read_timeout_closes_a_connection_stuck_inside_a_packet()
    {
        await using var server = TestServer.Start(o => o with { NetReadTimeout = TimeSpan.FromSeconds(1) });
        using var client = await LoginAsync(server);
        await client.WriteRawAsync([10, 0]);
        Assert.True(await client.IsClosedAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Net_write_timeout_closes_a_connection_whose_client_stops_reading()
    {
        await using var server = TestServer.Start(o => o with { NetWriteTimeout = TimeSpan.FromSeconds(1) });
        using var client = await LoginAsync(server);
        // Millions of rows to a client that reads none: the socket buffers fill and the flush times out.
        await client.QueryAsync("select rows 5000000");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (server.Server.ConnectionCount > 0 && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal(0, server.Server.ConnectionCount);
        await AssertServerAliveAsync(server);
    }

    [Fact]
    public async Task Connect_timeout_closes_a_silent_client()
    {
        await using var server = TestServer.Start(o => o with { ConnectTimeout = TimeSpan.FromSeconds(1) });
        using var client = await RawClient.ConnectAsync(server.Port);
        await client.ReadPacketAsync();
        Assert.True(await client.IsClosedAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Too_many_connections_is_1040()
    {
        await using var server = TestServer.Start(o => o with { MaxConnections = 2 });
        using var a = await LoginAsync(server);
        using var b = await LoginAsync(server);
        using var c = await RawClient.ConnectAsync(server.Port);
        var error = RawClient.ParseError(await c.ReadPacketAsync());
        Assert.Equal((1040, "08004", "Too many connections"), (error.Code, error.SqlState, error.Message));
    }
}
