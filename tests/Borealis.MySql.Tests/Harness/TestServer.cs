using System.Net;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace Borealis.MySql.Tests.Harness;

/// <summary>A MySQL protocol server on a free loopback port with the test accounts and the harness session.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private TestServer(MySqlServer server, string directory)
    {
        Server = server;
        Directory = directory;
    }

    public MySqlServer Server { get; }

    public string Directory { get; }

    public int Port => Server.Port;

    public static TestServer Start(Func<MySqlServerOptions, MySqlServerOptions>? configure = null, TestAccountStore? accounts = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "borealis-mysql-" + Guid.NewGuid().ToString("N"));
        var options = new MySqlServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0), DataDirectory = directory };
        if (configure is not null) options = configure(options);
        // BOREALIS_MYSQL_TEST_LOG=1 shows the server's log (connection closes at Debug) while debugging a test.
        var logger = Environment.GetEnvironmentVariable("BOREALIS_MYSQL_TEST_LOG") == "1"
            ? LoggerFactory.Create(b => b.AddConsole().SetMinimumLevel(LogLevel.Trace)).CreateLogger("mysql")
            : null;
        return new TestServer(new MySqlServer(options, accounts ?? TestAccountStore.Standard(), new TestSessionFactory(), logger), directory);
    }

    public string ConnectionString(string user = "native", string? password = null, MySqlSslMode ssl = MySqlSslMode.None, bool pooling = false, string extra = "")
    {
        password ??= user + "-pass";
        return $"Server=127.0.0.1;Port={Port};User ID={user};Password={password};SslMode={ssl};Pooling={pooling};AllowPublicKeyRetrieval=false;DefaultCommandTimeout=30;ConnectionTimeout=10;{extra}";
    }

    public async Task<MySqlConnection> OpenAsync(string user = "native", string? password = null, MySqlSslMode ssl = MySqlSslMode.None, string extra = "")
    {
        var connection = new MySqlConnection(ConnectionString(user, password, ssl, false, extra));
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>One server shared by the tests of a class.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public TestServer Server { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Server = TestServer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
