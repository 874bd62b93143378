using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Borealis.MySql.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Borealis.MySql;

/// <summary>
/// Accepts MySQL client connections on raw sockets and runs each as an async loop over
/// System.IO.Pipelines: no thread per connection, so an idle connection costs a socket, a few
/// small objects and a pending zero-byte read. Kestrel's connection abstractions would bring
/// ASP.NET Core's hosting for no gain here (the protocol is plain request/response framing),
/// and this follows the house's FramedTcpServer.
/// </summary>
public sealed class MySqlServer : IMySqlServerControl, IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<MySqlConnectionId, MySqlConnection> _connections = new();
    private readonly ConcurrentDictionary<MySqlConnection, Task> _running = new();
    private readonly long _startedTicks = Environment.TickCount64;
    private Task _acceptLoop = Task.CompletedTask;
    private int _nextConnectionId;
    private long _questions;
    private int _disposed;

    public MySqlServer(MySqlServerOptions options, IAccountStore accounts, IMySqlSessionFactory sessions, ILogger? logger = null)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Accounts = accounts ?? throw new ArgumentNullException(nameof(accounts));
        Sessions = sessions ?? throw new ArgumentNullException(nameof(sessions));
        Logger = logger ?? NullLogger.Instance;
        Certificate = options.TlsEnabled ? TlsCertificate.LoadOrCreate(options.DataDirectory, options.CertificatePath, options.CertificatePassword) : null;
        RsaKey = RsaKeyProvider.LoadOrCreate(options.DataDirectory);
        _listener = new Socket(options.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            _listener.Bind(options.EndPoint);
            _listener.Listen(1024);
        }
        catch
        {
            _listener.Dispose();
            Certificate?.Dispose();
            RsaKey.Dispose();
            throw;
        }
        LocalEndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        MySqlLog.Listening(Logger, LocalEndPoint);
        _acceptLoop = AcceptLoopAsync();
    }

    public IPEndPoint LocalEndPoint { get; }

    public int Port => LocalEndPoint.Port;

    public MySqlServerOptions Options { get; }

    internal IAccountStore Accounts { get; }

    internal IMySqlSessionFactory Sessions { get; }

    internal ILogger Logger { get; }

    internal X509Certificate2? Certificate { get; }

    internal RsaKeyProvider RsaKey { get; }

    /// <summary>caching_sha2_password's fast-path cache, shared by all connections.</summary>
    public CachingSha2Cache Sha2Cache { get; } = new();

    public int ConnectionCount => _connections.Count;

    internal long Questions => Interlocked.Read(ref _questions);

    internal void CountQuestion() => Interlocked.Increment(ref _questions);

    internal TimeSpan Uptime => TimeSpan.FromMilliseconds(Environment.TickCount64 - _startedTicks);

    internal CancellationToken Stopping => _stopping.Token;

    private async Task AcceptLoopAsync()
    {
        var ct = _stopping.Token;
        while (!ct.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(ct).ConfigureAwait(false);
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException ex)
            {
                // A peer that resets before we accept it is its problem, not the listener's.
                MySqlLog.AcceptFailed(Logger, LocalEndPoint, ex);
                continue;
            }
            var id = NextConnectionId();
            var connection = new MySqlConnection(this, socket, id);
            _connections[id] = connection;
            _running[connection] = connection.RunAsync();
            // A connection that ended before its task was recorded has already removed itself.
            if (!_connections.ContainsKey(id)) _running.TryRemove(connection, out _);
        }
    }

    private MySqlConnectionId NextConnectionId()
    {
        while (true)
        {
            var id = new MySqlConnectionId((uint)Interlocked.Increment(ref _nextConnectionId));
            // 0 is not a connection id; after wrap-around skip ids still in use.
            if (id.Value != 0 && !_connections.ContainsKey(id)) return id;
        }
    }

    internal void Remove(MySqlConnection connection)
    {
        _connections.TryRemove(connection.Id, out _);
        _running.TryRemove(connection, out _);
    }

    /// <inheritdoc />
    public void Kill(MySqlConnectionId connectionId, bool queryOnly, MySqlSessionContext requester, bool mayKillOthers)
    {
        ArgumentNullException.ThrowIfNull(requester);
        if (!_connections.TryGetValue(connectionId, out var target) || target.Context is not { } context)
            throw new MySqlErrorException(MySqlErrorCode.NoSuchThread, connectionId);
        if (!mayKillOthers && (context.User != requester.User || context.Account.Host != requester.Account.Host))
            throw new MySqlErrorException(MySqlErrorCode.KillDenied, connectionId);
        target.Kill(queryOnly);
    }

    /// <inheritdoc />
    public IReadOnlyList<MySqlProcessInfo> Processes() =>
        _connections.Values.Select(c => c.ProcessInfo()).OrderBy(p => p.ConnectionId.Value).ToList();

    /// <summary>Stops accepting, closes every connection and waits for their loops to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        foreach (var connection in _running.Keys) connection.Abort();
        await Task.WhenAll(_running.Values).ConfigureAwait(false);
        _stopping.Dispose();
        Certificate?.Dispose();
        RsaKey.Dispose();
    }
}
