using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Borealis.Common.Net;

/// <summary>
/// Accepts TCP connections and, on each, hands every request frame to an
/// <see cref="IFrameHandler{TReply}"/> in arrival order, writing each reply as a frame with the
/// request's correlation id when it completes (replies may finish out of order). A bad frame
/// closes only its own connection.
/// </summary>
public sealed partial class FramedTcpServer<TReply> : IAsyncDisposable where TReply : IReplyFrame
{
    private readonly IFrameHandler<TReply> _handler;
    private readonly ILogger _logger;
    private readonly FramedTcpOptions _options;
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Connection, Task> _connections = new();
    private Task _acceptLoop = Task.CompletedTask;
    private int _disposed;

    /// <summary>Binds <paramref name="endPoint"/> (port 0 picks a free port) and starts accepting.</summary>
    public FramedTcpServer(IPEndPoint endPoint, IFrameHandler<TReply> handler, ILogger? logger = null, FramedTcpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        _handler = handler ?? throw new ArgumentNullException(nameof(handler));
        _logger = logger ?? NullLogger.Instance;
        _options = options ?? FramedTcpOptions.Default;
        _listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            _listener.Bind(endPoint);
            _listener.Listen(512);
        }
        catch
        {
            _listener.Dispose();
            throw;
        }
        LocalEndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        NetLog.Listening(_logger, LocalEndPoint);
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>The bound address, with the real port when 0 was asked for.</summary>
    public IPEndPoint LocalEndPoint { get; }

    public int Port => LocalEndPoint.Port;

    /// <summary>Connections currently open.</summary>
    public int ConnectionCount => _connections.Count;

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
                NetLog.AcceptFailed(_logger, LocalEndPoint, ex);
                continue;
            }
            var connection = new Connection(this, socket);
            _connections[connection] = connection.RunAsync();
        }
    }

    /// <summary>Stops accepting, closes every connection and waits for their loops to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        foreach (var connection in _connections.Keys) connection.Abort();
        await Task.WhenAll(_connections.Values).ConfigureAwait(false);
        _stopping.Dispose();
    }
}
