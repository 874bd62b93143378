using System.Buffers.Binary;
using System.Text;
using Borealis.MySql.Protocol;
using Borealis.MySql.Tests.Harness;

namespace Borealis.MySql.Tests;

/// <summary>Protocol paths real clients rarely take, driven over a raw socket: cursors, long data, COM_CHANGE_USER, RSA.</summary>
public sealed class RawProtocolTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    private async Task<RawClient> LoginAsync(string user = "native", CapabilityFlags flags = RawClient.DefaultFlags)
    {
        var client = await RawClient.ConnectAsync(Server.Port);
        var ok = await client.LoginAsync(user, user + "-pass", flags);
        Assert.Equal(0x00, ok[0]);
        return client;
    }

    internal static async Task AssertPingAsync(RawClient client)
    {
        await client.CommandAsync(CommandKind.Ping);
        Assert.Equal(0x00, (await client.ReadPacketAsync())[0]);
    }

    [Fact]
    public async Task Ping_reset_and_statistics()
    {
        using var client = await LoginAsync();
        await AssertPingAsync(client);
        await client.CommandAsync(CommandKind.ResetConnection);
        Assert.Equal(0x00, (await client.ReadPacketAsync())[0]);
        await client.CommandAsync(CommandKind.Statistics);
        var stats = Encoding.UTF8.GetString(await client.ReadPacketAsync());
        Assert.StartsWith("Uptime: ", stats, StringComparison.Ordinal);
        Assert.Contains("Questions: ", stats, StringComparison.Ordinal);
    }

    /// <summary>Prepares a statement; returns its id after reading the definitions (no EOFs: DEPRECATE_EOF is on).</summary>
    private static async Task<uint> PrepareAsync(RawClient client, string sql)
    {
        await client.CommandAsync(CommandKind.StmtPrepare, Encoding.UTF8.GetBytes(sql));
        var ok = await client.ReadPacketAsync();
        Assert.Equal(0x00, ok[0]);
        var id = BinaryPrimitives.ReadUInt32LittleEndian(ok.AsSpan(1));
        var columns = BinaryPrimitives.ReadUInt16LittleEndian(ok.AsSpan(5));
        var parameters = BinaryPrimitives.ReadUInt16LittleEndian(ok.AsSpan(7));
        for (var i = 0; i < columns + parameters; i++) await client.ReadPacketAsync();
        return id;
    }

    private static byte[] U32(uint value) => BitConverter.GetBytes(value);

    [Fact]
    public async Task Read_only_cursor_is_fetched_in_chunks()
    {
        using var client = await LoginAsync();
        var id = await PrepareAsync(client, "select rows 25");
        await client.CommandAsync(CommandKind.StmtExecute, [.. U32(id), 0x01, .. U32(1)]);
        Assert.Equal(2, (await client.ReadPacketAsync())[0]);
        await client.ReadPacketAsync();
        await client.ReadPacketAsync();
        var opened = await client.ReadPacketAsync();
        Assert.Equal(0xFE, opened[0]);
        Assert.True((ReadStatus(opened) & ServerStatus.CursorExists) != 0);

        var seen = 0;
        for (var fetch = 0; fetch < 3; fetch++)
        {
            await client.CommandAsync(CommandKind.StmtFetch, [.. U32(id), .. U32(10)]);
            while (true)
            {
                var packet = await client.ReadPacketAsync();
                if (packet[0] == 0xFE)
                {
                    var status = ReadStatus(packet);
                    Assert.True((status & ServerStatus.CursorExists) != 0);
                    Assert.Equal(fetch == 2, (status & ServerStatus.LastRowSent) != 0);
                    break;
                }
                Assert.Equal(0x00, packet[0]);
                Assert.Equal(seen, BinaryPrimitives.ReadInt64LittleEndian(packet.AsSpan(2)));
                seen++;
            }
        }
        Assert.Equal(25, seen);
        await client.CommandAsync(CommandKind.StmtFetch, [.. U32(id), .. U32(10)]);
        Assert.Equal(1421, RawClient.ParseError(await client.ReadPacketAsync()).Code);
    }

    [Fact]
    public async Task Cursor_and_long_data_errors_with_eof_packets()
    {
        // A server without CLIENT_DEPRECATE_EOF: EOF after the definitions and after each fetch, as libmysqlclient expects.
        await using var server = TestServer.Start(o => o with { DeprecateEof = false });
        using var client = await RawClient.ConnectAsync(server.Port);
        Assert.Equal(0x00, (await client.LoginAsync("native", "native-pass"))[0]);
        await client.CommandAsync(CommandKind.StmtPrepare, "select rows 3"u8.ToArray());
        var ok = await client.ReadPacketAsync();
        var id = BinaryPrimitives.ReadUInt32LittleEndian(ok.AsSpan(1));
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(ok.AsSpan(5)));
        await client.ReadPacketAsync();
        await client.ReadPacketAsync();
        Assert.Equal(0xFE, (await client.ReadPacketAsync())[0]);

        await client.CommandAsync(CommandKind.StmtExecute, [.. U32(id), 0x01, .. U32(1)]);
        Assert.Equal(2, (await client.ReadPacketAsync())[0]);
        await client.ReadPacketAsync();
        await client.ReadPacketAsync();
        var eof = await client.ReadPacketAsync();
        Assert.Equal(5, eof.Length);
        Assert.True(((ServerStatus)BinaryPrimitives.ReadUInt16LittleEndian(eof.AsSpan(3)) & ServerStatus.CursorExists) != 0);
        await client.CommandAsync(CommandKind.StmtFetch, [.. U32(id), .. U32(100)]);
        for (var i = 0; i < 3; i++) Assert.Equal(0x00, (await client.ReadPacketAsync())[0]);
        eof = await client.ReadPacketAsync();
        Assert.Equal((0xFE, 5), (eof[0], eof.Length));
        Assert.True(((ServerStatus)BinaryPrimitives.ReadUInt16LittleEndian(eof.AsSpan(3)) & ServerStatus.LastRowSent) != 0);

        // Long data for a parameter that does not exist is reported by the next execute (1210).
        await client.CommandAsync(CommandKind.StmtPrepare, "select echo ?"u8.ToArray());
        ok = await client.ReadPacketAsync();
        var echo = BinaryPrimitives.ReadUInt32LittleEndian(ok.AsSpan(1));
        // Parameter definition, EOF, column definition, EOF.
        for (var i = 0; i < 4; i++) await client.ReadPacketAsync();
        await client.CommandAsync(CommandKind.StmtSendLongData, [.. U32(echo), 9, 0, 1, 2, 3]);
        await client.CommandAsync(CommandKind.StmtExecute, [.. U32(echo), 0, .. U32(1), 0x00, 1, 0x08, 0, .. BitConverter.GetBytes(1L)]);
        var error = RawClient.ParseError(await client.ReadPacketAsync());
        Assert.Equal((1210, "Incorrect arguments to mysqld_stmt_send_long_data"), (error.Code, error.Message));
    }

    /// <summary>Status of an OK packet with the 0xFE header (affected rows and insert id are one byte each here).</summary>
    private static ServerStatus ReadStatus(byte[] packet) => (ServerStatus)BinaryPrimitives.ReadUInt16LittleEndian(packet.AsSpan(3));

    [Fact]
    public async Task Long_data_and_types_not_resent()
    {
        using var client = await LoginAsync();
        var id = await PrepareAsync(client, "select echo ?, ?");
        await client.CommandAsync(CommandKind.StmtSendLongData, [.. U32(id), 0, 0, .. "abc"u8.ToArray()]);
        await client.CommandAsync(CommandKind.StmtSendLongData, [.. U32(id), 0, 0, .. "def"u8.ToArray()]);
        // Types bound (VAR_STRING, LONGLONG); parameter 0 comes from long data, parameter 1 inline.
        await client.CommandAsync(CommandKind.StmtExecute, [.. U32(id), 0, .. U32(1), 0x00, 1, 0xFD, 0, 0x08, 0, .. BitConverter.GetBytes(5L)]);
        var row = await ReadSingleBinaryRowAsync(client);
        Assert.Equal("abcdef", Encoding.UTF8.GetString(row, 3, 6));
        Assert.Equal(5L, BinaryPrimitives.ReadInt64LittleEndian(row.AsSpan(9)));

        // Execute again without types (new-params-bound 0): the last types are reused, long data is gone.
        await client.CommandAsync(CommandKind.StmtExecute, [.. U32(id), 0, .. U32(1), 0x00, 0, 2, (byte)'x', (byte)'y', .. BitConverter.GetBytes(6L)]);
        row = await ReadSingleBinaryRowAsync(client);
        Assert.Equal("xy", Encoding.UTF8.GetString(row, 3, 2));
        Assert.Equal(6L, BinaryPrimitives.ReadInt64LittleEndian(row.AsSpan(5)));

        // A NULL through the bitmap, then reset and close.
        await client.CommandAsync(CommandKind.StmtExecute, [.. U32(id), 0, .. U32(1), 0x01, 0, .. BitConverter.GetBytes(7L)]);
        row = await ReadSingleBinaryRowAsync(client);
        Assert.Equal(0b100, row[1]);
        await client.CommandAsync(CommandKind.StmtReset, U32(id));
        Assert.Equal(0x00, (await client.ReadPacketAsync())[0]);
        await client.CommandAsync(CommandKind.StmtClose, U32(id));
        await client.CommandAsync(CommandKind.StmtExecute, [.. U32(id), 0, .. U32(1)]);
        var error = RawClient.ParseError(await client.ReadPacketAsync());
        Assert.Equal(1243, error.Code);
        Assert.Equal($"Unknown prepared statement handler ({id}) given to mysqld_stmt_execute", error.Message);
    }

    private static async Task<byte[]> ReadSingleBinaryRowAsync(RawClient client)
    {
        var count = (await client.ReadPacketAsync())[0];
        for (var i = 0; i < count; i++) await client.ReadPacketAsync();
        var row = await client.ReadPacketAsync();
        Assert.Equal(0x00, row[0]);
        Assert.Equal(0xFE, (await client.ReadPacketAsync())[0]);
        return row;
    }

    [Fact]
    public async Task Change_user_authenticates_again_and_a_failure_closes()
    {
        using var client = await LoginAsync();
        var auth = MySqlPasswords.ScrambleNative("other-pass"u8, client.Scramble);
        await client.CommandAsync(CommandKind.ChangeUser, [.. "other\0"u8.ToArray(), (byte)auth.Length, .. auth, .. "shop\0"u8.ToArray(), 45, 0, .. "mysql_native_password\0"u8.ToArray()]);
        Assert.Equal(0x00, (await client.ReadPacketAsync())[0]);
        await client.QueryAsync("select current_user()");
        var packets = await client.ReadResponseAsync();
        Assert.Contains("other@%", Encoding.UTF8.GetString(packets[2]), StringComparison.Ordinal);

        auth = MySqlPasswords.ScrambleNative("wrong"u8, client.Scramble);
        await client.CommandAsync(CommandKind.ChangeUser, [.. "native\0"u8.ToArray(), (byte)auth.Length, .. auth, 0, 45, 0, .. "mysql_native_password\0"u8.ToArray()]);
        var error = RawClient.ParseError(await client.ReadPacketAsync());
        Assert.Equal(1045, error.Code);
        Assert.True(await client.IsClosedAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Change_user_to_a_caching_sha2_account_switches_plugin()
    {
        using (var tls = await Server.OpenAsync("sha", ssl: MySqlConnector.MySqlSslMode.Required)) { }
        using var client = await LoginAsync();
        var auth = MySqlPasswords.ScrambleNative("sha-pass"u8, client.Scramble);
        await client.CommandAsync(CommandKind.ChangeUser, [.. "sha\0"u8.ToArray(), (byte)auth.Length, .. auth, 0, 45, 0, .. "mysql_native_password\0"u8.ToArray()]);
        var request = await client.ReadPacketAsync();
        Assert.Equal(0xFE, request[0]);
        Assert.StartsWith("caching_sha2_password\0", Encoding.ASCII.GetString(request, 1, request.Length - 1), StringComparison.Ordinal);
        await client.WritePacketAsync(MySqlPasswords.ScrambleCachingSha2("sha-pass"u8, client.Scramble));
        Assert.Equal<byte[]>([0x01, 0x03], await client.ReadPacketAsync());
        Assert.Equal(0x00, (await client.ReadPacketAsync())[0]);
    }

    [Fact]
    public async Task Caching_sha2_rsa_exchange_and_cleartext_over_plain_refused()
    {
        var store = TestAccountStore.Standard().Add(MySqlPasswords.CachingSha2Account("fresh", "%", "fresh-pass"));
        await using var server = TestServer.Start(accounts: store);
        using (var refused = await RawClient.ConnectAsync(server.Port))
        {
            var error = RawClient.ParseError(await refused.LoginCachingSha2Async("fresh", "fresh-pass", cleartext: true));
            Assert.Equal(1045, error.Code);
        }
        using (var rsa = await RawClient.ConnectAsync(server.Port))
            Assert.Equal(0x00, (await rsa.LoginCachingSha2Async("fresh", "fresh-pass"))[0]);
        // Now cached: the fast path answers 0x01 0x03 before the OK.
        using var fast = await RawClient.ConnectAsync(server.Port);
        Assert.Equal<byte[]>([0x01, 0x03], await fast.LoginCachingSha2Async("fresh", "fresh-pass"));
        Assert.Equal(0x00, (await fast.ReadPacketAsync())[0]);
        Assert.True(File.Exists(Path.Combine(server.Directory, RsaKeyProvider.PrivateKeyFile)));
        Assert.True(File.Exists(Path.Combine(server.Directory, TlsCertificate.DefaultFileName)));
    }

    [Fact]
    public async Task Field_list_set_option_and_process_kill()
    {
        using var client = await LoginAsync();
        await client.CommandAsync(CommandKind.FieldList, [.. "t\0"u8.ToArray()]);
        var packets = await client.ReadResponseAsync();
        Assert.Equal(3, packets.Count);
        Assert.Equal(0xFE, packets[2][0]);
        await client.CommandAsync(CommandKind.FieldList, [.. "nope\0"u8.ToArray()]);
        Assert.Equal(1146, RawClient.ParseError(await client.ReadPacketAsync()).Code);

        await client.CommandAsync(CommandKind.SetOption, 1, 0);
        Assert.Equal(0xFE, (await client.ReadPacketAsync())[0]);
        await client.QueryAsync("SELECT 1; SELECT 2");
        Assert.Equal(1064, RawClient.ParseError(await client.ReadPacketAsync()).Code);
        await client.CommandAsync(CommandKind.SetOption, 0, 0);
        Assert.Equal(0xFE, (await client.ReadPacketAsync())[0]);

        using var victim = await LoginAsync("other");
        await victim.QueryAsync("select connection_id()");
        var id = uint.Parse(Encoding.ASCII.GetString((await victim.ReadResponseAsync())[2].AsSpan(1)), System.Globalization.CultureInfo.InvariantCulture);
        await client.CommandAsync(CommandKind.ProcessKill, U32(id));
        Assert.Equal(0x00, (await client.ReadPacketAsync())[0]);
        Assert.True(await victim.IsClosedAsync(TimeSpan.FromSeconds(5)));
        await client.CommandAsync(CommandKind.ProcessKill, U32(987654));
        Assert.Equal(1094, RawClient.ParseError(await client.ReadPacketAsync()).Code);
    }

    [Fact]
    public async Task Kill_query_interrupts_a_running_statement_with_1317()
    {
        using var client = await LoginAsync();
        await client.QueryAsync("select connection_id()");
        var id = uint.Parse(Encoding.ASCII.GetString((await client.ReadResponseAsync())[2].AsSpan(1)), System.Globalization.CultureInfo.InvariantCulture);
        await client.QueryAsync("sleep");
        await Task.Delay(200);
        using var killer = await LoginAsync();
        await killer.QueryAsync($"kill query {id}");
        Assert.Equal(0x00, (await killer.ReadPacketAsync())[0]);
        var error = RawClient.ParseError(await client.ReadPacketAsync());
        Assert.Equal((1317, "70100", "Query execution was interrupted"), (error.Code, error.SqlState, error.Message));
        await AssertPingAsync(client);
    }

    [Fact]
    public async Task Packet_of_exactly_2_pow_24_minus_1_is_followed_by_an_empty_packet()
    {
        using var client = await LoginAsync();
        var text = "select len " + new string('z', 0xFF_FFFF - 1 - "select len ".Length);
        var payload = new byte[0xFF_FFFF];
        payload[0] = (byte)CommandKind.Query;
        Encoding.ASCII.GetBytes(text, payload.AsSpan(1));
        client.Sequence = 0;
        await client.WritePacketAsync(payload);
        await client.WritePacketAsync([]);
        var packets = await client.ReadResponseAsync();
        Assert.Equal((0xFF_FFFF - 1 - "select len ".Length).ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.ASCII.GetString(packets[2].AsSpan(1)));
    }
}
