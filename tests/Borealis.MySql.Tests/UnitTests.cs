using Borealis.MySql.Protocol;
using Borealis.MySql.Protocol.Payloads;
using Borealis.MySql.Tests.Harness;
using MySqlConnector;

namespace Borealis.MySql.Tests;

/// <summary>Encodings frozen byte for byte, host-pattern order, password verifiers, certificates.</summary>
public sealed class UnitTests
{
    private static byte[] Bytes(Action<PayloadWriter> write)
    {
        using var writer = new PayloadWriter();
        write(writer);
        return writer.WrittenSpan.ToArray();
    }

    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(250UL, "FA")]
    [InlineData(251UL, "FCFB00")]
    [InlineData(65535UL, "FCFFFF")]
    [InlineData(65536UL, "FD000001")]
    [InlineData(16777215UL, "FDFFFFFF")]
    [InlineData(16777216UL, "FE0000000100000000")]
    public void Length_encoded_integers(ulong value, string hex)
    {
        Assert.Equal(hex, Convert.ToHexString(Bytes(w => w.WriteLengthEncodedInteger(value))));
        var reader = new PayloadReader(Convert.FromHexString(hex));
        Assert.Equal(value, reader.ReadLengthEncodedInteger());
    }

    [Fact]
    public void Error_ok_and_eof_packets()
    {
        Assert.Equal("FF1504233238303030" + Convert.ToHexString("Access denied for user 'u'@'h' (using password: NO)"u8),
            Convert.ToHexString(Bytes(w => ErrorPayload.Create(MySqlErrorCode.AccessDenied, "u", "h", "NO").Write(w))));
        Assert.Equal("0001FC2C0102000000", Convert.ToHexString(Bytes(w => new OkPayload(1, 300, ServerStatus.Autocommit, 0).Write(w))));
        Assert.Equal("FE00000200", Convert.ToHexString(Bytes(w => new EofPayload(0, ServerStatus.Autocommit).Write(w))));
        Assert.Equal("FE000002000000", Convert.ToHexString(Bytes(w => new OkPayload(0, 0, ServerStatus.Autocommit, 0, isEof: true).Write(w))));
    }

    [Fact]
    public void Error_table_has_sqlstates_and_templates()
    {
        foreach (var code in Enum.GetValues<MySqlErrorCode>())
        {
            var info = MySqlErrors.Get(code);
            Assert.Equal(5, info.SqlState.Length);
            Assert.False(string.IsNullOrEmpty(info.Template));
            Assert.True(code == MySqlErrorCode.UnknownError || info.Template != "Unknown error", $"{code} has no row");
        }
        Assert.Equal(("08S01", "Unknown command"), (MySqlErrors.Get(MySqlErrorCode.UnknownComError).SqlState, MySqlErrors.Get(MySqlErrorCode.UnknownComError).Template));
    }

    [Fact]
    public void Truncated_input_throws_malformed_never_out_of_range()
    {
        Assert.Throws<MalformedPacketException>(() => new PayloadReader([0xFC, 1]).ReadLengthEncodedInteger());
        Assert.Throws<MalformedPacketException>(() => new PayloadReader([5, 1, 2]).ReadLengthEncodedBytes().ToArray());
        Assert.Throws<MalformedPacketException>(() => new PayloadReader("abc"u8).ReadNullTerminatedBytes().ToArray());
        Assert.Throws<MalformedPacketException>(() => HandshakeResponse41Payload.Create([0, 2, 0, 0]));
        Assert.Throws<MalformedPacketException>(() => HandshakeResponse41Payload.Create(new byte[40]));
    }

    [Fact]
    public void Native_verifier_matches_mysql()
    {
        // SELECT PASSWORD('password') in MySQL 5.7: *2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19
        Assert.Equal("2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19", Convert.ToHexString(MySqlPasswords.NativeVerifier("password")));
        var scramble = "0123456789abcdefghij"u8.ToArray();
        var verifier = MySqlPasswords.NativeVerifier("secret");
        Assert.True(MySqlPasswords.VerifyNative(MySqlPasswords.ScrambleNative("secret"u8, scramble), scramble, verifier));
        Assert.False(MySqlPasswords.VerifyNative(MySqlPasswords.ScrambleNative("Secret"u8, scramble), scramble, verifier));
    }

    [Fact]
    public void Caching_sha2_verifier_and_fast_path()
    {
        var verifier = MySqlPasswords.CachingSha2Verifier("secret");
        Assert.True(MySqlPasswords.VerifyCachingSha2Password("secret"u8, verifier));
        Assert.False(MySqlPasswords.VerifyCachingSha2Password("secreT"u8, verifier));
        Assert.NotEqual(verifier, MySqlPasswords.CachingSha2Verifier("secret"));
        var scramble = "0123456789abcdefghij"u8.ToArray();
        var cached = MySqlPasswords.CachingSha2CacheEntry("secret"u8);
        Assert.True(MySqlPasswords.VerifyCachingSha2Scramble(MySqlPasswords.ScrambleCachingSha2("secret"u8, scramble), scramble, cached));
        Assert.False(MySqlPasswords.VerifyCachingSha2Scramble(MySqlPasswords.ScrambleCachingSha2("other"u8, scramble), scramble, cached));
    }

    [Theory]
    [InlineData("%", "10.0.0.1", true)]
    [InlineData("", "anything", true)]
    [InlineData("10.0.%", "10.0.3.4", true)]
    [InlineData("10.0.%", "10.1.3.4", false)]
    [InlineData("10.0.0._", "10.0.0.7", true)]
    [InlineData("10.0.0._", "10.0.0.17", false)]
    [InlineData("LOCALHOST", "localhost", true)]
    [InlineData("localhost", "127.0.0.1", true)]
    [InlineData("db_host", "dbxhost", true)]
    [InlineData("db\\_host", "dbxhost", false)]
    public void Host_patterns(string pattern, string host, bool matches) => Assert.Equal(matches, HostPattern.Matches(pattern, host));

    [Fact]
    public void The_most_specific_account_wins()
    {
        MySqlAccount A(string user, string host) => MySqlPasswords.NativeAccount(user, host, "x");
        var accounts = new[] { A("app", "%"), A("app", "10.0.%"), A("app", "10.0.0.5"), A("", "10.0.0.5"), A("", "%") };
        Assert.Equal("10.0.0.5", HostPattern.Select(accounts, "app", "10.0.0.5")!.Host);
        Assert.Equal("10.0.%", HostPattern.Select(accounts, "app", "10.0.9.9")!.Host);
        Assert.Equal("%", HostPattern.Select(accounts, "app", "192.168.1.1")!.Host);
        // An anonymous account on a more specific host beats a named one on '%', as in MySQL.
        Assert.Equal("", HostPattern.Select(accounts, "other", "10.0.0.5")!.User);
        Assert.Null(HostPattern.Select([A("app", "10.%")], "app", "11.0.0.1"));
    }

    [Fact]
    public async Task A_configured_certificate_is_served_and_a_missing_one_is_an_error()
    {
        var directory = Path.Combine(Path.GetTempPath(), "borealis-mysql-cert-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var generated = TlsCertificate.LoadOrCreate(directory);
            var path = Path.Combine(directory, TlsCertificate.DefaultFileName);
            using (var again = TlsCertificate.LoadOrCreate(directory)) Assert.Equal(generated.Thumbprint, again.Thumbprint);
            await using (var server = TestServer.Start(o => o with { CertificatePath = path }))
            {
                await using var connection = await server.OpenAsync("native", ssl: MySqlSslMode.Required);
                await using var command = new MySqlCommand("select ssl()", connection);
                Assert.Equal("yes", await command.ExecuteScalarAsync());
            }
            Assert.Throws<FileNotFoundException>(() => TlsCertificate.LoadOrCreate(directory, Path.Combine(directory, "missing.pfx")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
