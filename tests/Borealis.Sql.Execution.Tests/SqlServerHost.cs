using System.Net;
using Borealis.Common;
using Borealis.Engine.Transactions;
using Borealis.MySql;
using Borealis.Server.Embedded;
using Borealis.Sql.Execution;
using Borealis.Sql.Execution.Catalog;
using Borealis.Storage.Segments;
using Borealis.Volume;
using Microsoft.Extensions.Logging.Abstractions;

namespace Borealis.Sql.Execution.Tests;

/// <summary>
/// What <c>borealis up</c> runs, in this process: an embedded six-node fleet, the engine on
/// volume 1, the catalog and the MySQL endpoint on a free loopback port. Stopping and starting
/// it again over the same directory is a server restart.
/// </summary>
public sealed class SqlServerHost : IAsyncDisposable
{
    private static int s_basePort = 31100 + (Environment.ProcessId % 50) * 20;
    private EmbeddedFleet? _fleet;
    private StorageVolume? _volume;
    private Database? _database;
    private MySqlServer? _server;

    // The fleet's node addresses are in the volume metadata: a restart must use the same ports.
    private readonly int _basePort = Interlocked.Add(ref s_basePort, 10);

    private SqlServerHost(string directory) => Directory = directory;

    public string Directory { get; }
    public int Port => _server!.Port;
    public string ConnectionString(string? database = null, bool prepare = false) =>
        $"Server=127.0.0.1;Port={Port};User ID=root;Password=;SslMode=None;AllowPublicKeyRetrieval=true;Pooling=false;Allow User Variables=true;IgnorePrepare={!prepare}"
        + (database is null ? "" : $";Database={database}");

    public static async Task<SqlServerHost> StartAsync(string? directory = null)
    {
        var host = new SqlServerHost(directory ?? Path.Combine(Path.GetTempPath(), "borealis-sql-" + Guid.NewGuid().ToString("N")[..12]));
        await host.OpenAsync();
        return host;
    }

    private async Task OpenAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var segments = new SegmentOptions { GossipInterval = TimeSpan.FromMilliseconds(50), MaterializeInterval = TimeSpan.FromMilliseconds(50), ScrubInterval = TimeSpan.Zero, LogChunkBytes = 1024 * 1024 };
        _fleet = await EmbeddedFleet.StartAsync(Directory, _basePort, listenTcp: false, segments, NullLoggerFactory.Instance);
        _volume = await _fleet.OpenVolumeAsync(new VolumeId(1), 64L * 1024 * 1024, 1, new VolumeOptions { CommitTimeout = TimeSpan.FromSeconds(10), RecoveryTimeout = TimeSpan.FromSeconds(20) });
        _database = await Database.OpenAsync(_volume, new DatabaseOptions { BufferPoolFrames = 1024, LockWaitTimeout = TimeSpan.FromSeconds(2) });
        var catalog = await SqlCatalog.OpenAsync(_database);
        _server = new MySqlServer(new MySqlServerOptions { DataDirectory = Directory, EndPoint = new IPEndPoint(IPAddress.Loopback, 0), TlsEnabled = false },
            new RootAccountStore(), new SqlSessionFactory(catalog));
    }

    /// <summary>Stops everything (as a shutdown) and starts again over the same directory.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await OpenAsync();
    }

    private async Task StopAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        if (_volume is not null) await _volume.DisposeAsync();
        if (_fleet is not null) await _fleet.DisposeAsync();
        _server = null;
        _database = null;
        _volume = null;
        _fleet = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
