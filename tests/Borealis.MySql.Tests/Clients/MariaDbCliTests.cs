using Borealis.MySql.Tests.Harness;

namespace Borealis.MySql.Tests.Clients;

/// <summary>Debian's mariadb command-line client against the protocol layer.</summary>
public sealed class MariaDbCliTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string user, string password, string sql, params string[] options) =>
        ClientTools.RunAsync(ClientTools.Find("mariadb")!,
            ["--no-defaults", "-h", "127.0.0.1", "-P", Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-u", user, $"-p{password}", "--batch", .. options, "-e", sql]);

    [MariaDbCliFact]
    public async Task Every_column_type_and_nulls_in_batch_output()
    {
        var (exit, stdout, stderr) = await RunAsync("native", "native-pass", "select types", "--skip-ssl");
        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("t_tiny\tt_utiny\tt_short", lines[0], StringComparison.Ordinal);
        var values = lines[1].Split('\t');
        Assert.Equal(["-5", "200", "-30000", "-8000000", "-2000000000", "-9000000000000000000", "18000000000000000000", "1.5", "3.141592653589793", "12345.678",
            "2024-02-29", "2024-02-29 13:14:15.123456", "2001-02-03 04:05:06", "-838:59:59", "2024", "héllo wörld"], values[..16]);
        Assert.Equal("{\"a\": 1}", values[17]);
        Assert.Equal("b", values[19]);
        Assert.Equal("1", values[20]);
        Assert.All(lines[2].Split('\t'), v => Assert.Equal("NULL", v));
    }

    [MariaDbCliFact]
    public async Task Caching_sha2_over_tls_then_fast_path_without()
    {
        var (exit, stdout, stderr) = await RunAsync("clisha", "clisha-pass", "select current_user(); select ssl()", "--ssl");
        Assert.True(exit == 0, stderr);
        Assert.Contains("clisha@%", stdout, StringComparison.Ordinal);
        Assert.Contains("yes", stdout, StringComparison.Ordinal);
        (exit, stdout, stderr) = await RunAsync("clisha", "clisha-pass", "select ssl()", "--skip-ssl");
        Assert.True(exit == 0, stderr);
        Assert.Contains("no", stdout, StringComparison.Ordinal);
    }

    [MariaDbCliFact]
    public async Task Errors_are_printed_with_number_and_sqlstate()
    {
        var (exit, _, stderr) = await RunAsync("native", "wrong", "SELECT 1", "--skip-ssl");
        Assert.NotEqual(0, exit);
        Assert.Contains("ERROR 1045 (28000): Access denied for user 'native'@'localhost' (using password: YES)", stderr, StringComparison.Ordinal);
        (exit, _, stderr) = await RunAsync("native", "native-pass", "select missing", "--skip-ssl");
        Assert.NotEqual(0, exit);
        Assert.Contains("ERROR 1146 (42S02) at line 1: Table 'test.missing' doesn't exist", stderr, StringComparison.Ordinal);
    }

    [MariaDbCliFact]
    public async Task Database_use_and_multiple_statements()
    {
        var (exit, stdout, stderr) = await RunAsync("native", "native-pass", "select database(); use other; select database(); SELECT 1; SELECT 2", "--skip-ssl", "-D", "shop");
        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["value", "shop", "value", "other", "1", "1", "1", "2"], lines);
    }
}
