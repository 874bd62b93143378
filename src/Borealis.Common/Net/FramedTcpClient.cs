using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Borealis.Common.Net;

/// <summary>
/// A pipelined request/reply client over one TCP connection to one endpoint. Requests get fresh
/// correlation ids and many may be in flight; replies are matched by id. The caller never waits
/// on the network: a request is copied into an in-memory outbound pipe that a pump loop drains
/// into the socket, so a peer that stops reading (SIGSTOP) costs a timeout, never a hang.
/// Every failure is a <see cref="FrameResult"/>, never an exception.
/// </summary>
public sealed partial class FramedTcpClient : IAsyncDisposable
{
    private readonly EndPoint _remote;
    private readonly ILogger _logger;
    private readonly FramedTcpOptions _options;

    // Guards _connection, each connection's pending table and writes into its outbound pipe.
    private readonly Lock _gate = new();
    private Connection? _connection;
    private ulong _lastCorrelationId;
    private long _connectFailedAtMs;
    private string? _lastConnectFailure;
    private bool _disposed;

    public FramedTcpClient(EndPoint remote, ILogger? logger = null, FramedTcpOptions? options = null)
    {
        _remote = remote ?? throw new ArgumentNullException(nameof(remote));
        _logger = logger ?? NullLogger.Instance;
        _options = options ?? FramedTcpOptions.Default;
        _sweeper = new Timer(static s => ((FramedTcpClient)s!).SweepExpired(), this, Timeout.Infinite, Timeout.Infinite);
    }

    public EndPoint RemoteEndPoint => _remote;

    /// <summary>Requests sent and not yet answered, failed or timed out.</summary>
    public int PendingCount
    {
        get { lock (_gate) return _connection?.Pending.Count ?? 0; }
    }

    /// <summary>
    /// Sends one request frame. <paramref name="body"/> is copied before this returns, so the
    /// caller may reuse it at once. The result is a reply (dispose it) or a failure: connect
    /// failure, lost connection, <paramref name="timeout"/> expiry, overload or cancellation.
    /// </summary>
    public ValueTask<FrameResult> SendAsync(ushort type, ReadOnlyMemory<byte> body, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested) return Fail(FrameFailure.Cancelled, "cancelled before sending");
        if (body.Length > _options.MaxBodySize) return Fail(FrameFailure.TooLarge, $"body of {body.Length} bytes is over the {_options.MaxBodySize}-byte limit");

        var nowMs = Environment.TickCount64;
        var deadlineMs = timeout == Timeout.InfiniteTimeSpan ? long.MaxValue : nowMs + Math.Max(1, (long)timeout.TotalMilliseconds);
        PendingRequest request;
        lock (_gate)
        {
            if (_disposed) return Fail(FrameFailure.Disposed, "client disposed");
            var connection = _connection;
            if (connection is null)
            {
                if (_lastConnectFailure is not null && nowMs - _connectFailedAtMs < (long)_options.ReconnectBackoff.TotalMilliseconds)
                    return Fail(FrameFailure.ConnectFailed, $"waiting to reconnect after: {_lastConnectFailure}");
                connection = _connection = new Connection(this);
                connection.Start();
            }
            var frameBytes = FrameHeader.Size + body.Length;
            var unsent = connection.UnsentBytes;
            if (unsent > 0 && unsent + frameBytes > _options.MaxUnsentBytes)
                return Fail(FrameFailure.Overloaded, $"peer is not reading: {unsent} bytes unsent");
            if (connection.Pending.Count >= _options.MaxPendingRequests)
                return Fail(FrameFailure.Overloaded, $"{connection.Pending.Count} requests already pending");

            request = new PendingRequest(++_lastCorrelationId, deadlineMs, connection);
            connection.Pending.Add(request.CorrelationId, request);
            connection.WriteFrame(new FrameHeader(body.Length, type, request.CorrelationId), body.Span);
            StartSweeperLocked();
        }
        if (cancellationToken.CanBeCanceled)
            request.Registration = cancellationToken.UnsafeRegister(static s => ((PendingRequest)s!).Cancel(), request);
        return new ValueTask<FrameResult>(request.Task);
    }

    private static ValueTask<FrameResult> Fail(FrameFailure failure, string reason) => ValueTask.FromResult(FrameResult.Failed(failure, reason));

    /// <summary>Closes the connection; pending requests fail with <see cref="FrameFailure.Disposed"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        Connection? connection;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            connection = _connection;
            _sweeper.Change(Timeout.Infinite, Timeout.Infinite);
        }
        await _sweeper.DisposeAsync().ConfigureAwait(false);
        if (connection is not null)
        {
            connection.Fail(FrameFailure.Disposed, "client disposed");
            await connection.Completion.ConfigureAwait(false);
        }
    }

    /// <summary>A request awaiting its reply. Completed exactly once: reply, timeout, cancellation or connection failure.</summary>
    private sealed class PendingRequest(ulong correlationId, long deadlineMs, Connection connection)
        : TaskCompletionSource<FrameResult>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public ulong CorrelationId { get; } = correlationId;
        public long DeadlineMs { get; } = deadlineMs;
        public Connection Connection { get; } = connection;
        public CancellationTokenRegistration Registration { get; set; }

        /// <summary>False when the request was already completed (e.g. a reply racing its timeout).</summary>
        public bool TryComplete(FrameResult result)
        {
            if (!TrySetResult(result)) return false;
            // Unregister does not wait for a running callback, so it is safe from inside one.
            Registration.Unregister();
            return true;
        }

        public void Cancel()
        {
            if (Connection.Forget(this)) TryComplete(FrameResult.Failed(FrameFailure.Cancelled, "cancelled"));
        }
    }
}
