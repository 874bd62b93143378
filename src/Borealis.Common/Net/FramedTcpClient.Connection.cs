using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;

namespace Borealis.Common.Net;

public sealed partial class FramedTcpClient
{
    /// <summary>
    /// One attempt at a connection: the socket, its pending requests, an outbound pipe that
    /// callers write into (never blocking: it has no pause threshold) and two loops, a pump from
    /// that pipe to the socket and a reader matching replies to requests. Any failure fails the
    /// whole connection and all its requests; the next send starts a new one.
    /// </summary>
    private sealed class Connection
    {
        private readonly FramedTcpClient _client;
        private readonly Socket _socket = new(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        private readonly Pipe _outbound = new(new PipeOptions(pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false));
        private readonly CancellationTokenSource _closing = new();
        private long _unsentBytes;
        private int _failed;

        public Connection(FramedTcpClient client) => _client = client;

        /// <summary>Requests awaiting replies, by correlation id. Guarded by the client's gate.</summary>
        public Dictionary<ulong, PendingRequest> Pending { get; } = [];

        public long UnsentBytes => Interlocked.Read(ref _unsentBytes);

        public Task Completion { get; private set; } = Task.CompletedTask;

        public void Start() => Completion = RunAsync();

        /// <summary>Called under the client's gate. Copies the frame into the outbound pipe; the pump sends it.</summary>
        public void WriteFrame(FrameHeader header, ReadOnlySpan<byte> body)
        {
            var writer = _outbound.Writer;
            header.Write(writer.GetSpan(FrameHeader.Size));
            writer.Advance(FrameHeader.Size);
            writer.Write(body);
            Interlocked.Add(ref _unsentBytes, FrameHeader.Size + body.Length);
            // No pause threshold, so this completes at once; it only wakes the pump.
            var flush = writer.FlushAsync();
            if (flush.IsCompleted) flush.GetAwaiter().GetResult();
            else _ = flush.AsTask(); // Unreachable without a pause threshold; consumed so the ValueTask is not leaked.
        }

        /// <summary>Removes a request that is completing by timeout or cancellation; false if something else already took it.</summary>
        public bool Forget(PendingRequest request)
        {
            lock (_client._gate) return Pending.Remove(request.CorrelationId);
        }

        private async Task RunAsync()
        {
            await Task.Yield();
            try
            {
                using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
                connectTimeout.CancelAfter(_client._options.ConnectTimeout);
                await _socket.ConnectAsync(_client._remote, connectTimeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                var reason = _closing.IsCancellationRequested ? "closed while connecting" : ex is OperationCanceledException ? "connect timed out" : ex.Message;
                lock (_client._gate)
                {
                    _client._lastConnectFailure = reason;
                    _client._connectFailedAtMs = Environment.TickCount64;
                }
                Fail(FrameFailure.ConnectFailed, $"connect to {_client._remote} failed: {reason}");
                await _outbound.Reader.CompleteAsync().ConfigureAwait(false);
                return;
            }
            lock (_client._gate) _client._lastConnectFailure = null;
            await Task.WhenAll(PumpAsync(), ReadLoopAsync()).ConfigureAwait(false);
            _socket.Dispose();
            _closing.Dispose();
        }

        /// <summary>Moves bytes from the outbound pipe to the socket. Only this loop ever waits on a slow peer.</summary>
        private async Task PumpAsync()
        {
            var reader = _outbound.Reader;
            var ct = _closing.Token;
            try
            {
                while (true)
                {
                    var result = await reader.ReadAsync(ct).ConfigureAwait(false);
                    var buffer = result.Buffer;
                    foreach (var segment in buffer)
                    {
                        await _socket.SendAsync(segment, SocketFlags.None, ct).ConfigureAwait(false);
                        Interlocked.Add(ref _unsentBytes, -segment.Length);
                    }
                    reader.AdvanceTo(buffer.End);
                    if (result.IsCompleted) break;
                }
            }
            catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                Fail(FrameFailure.ConnectionLost, $"send failed: {ex.Message}");
            }
            finally
            {
                await reader.CompleteAsync().ConfigureAwait(false);
            }
        }

        private async Task ReadLoopAsync()
        {
            var reader = PipeReader.Create(new NetworkStream(_socket, ownsSocket: false));
            var ct = _closing.Token;
            var max = _client._options.MaxBodySize;
            string reason;
            try
            {
                while (true)
                {
                    var result = await reader.ReadAsync(ct).ConfigureAwait(false);
                    var buffer = result.Buffer;
                    var status = FrameReadStatus.Incomplete;
                    while ((status = FrameHeader.TryRead(ref buffer, max, out var header, out var body)) == FrameReadStatus.Complete)
                        Deliver(header, body);
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    if (status == FrameReadStatus.TooLarge) { reason = $"reply frame over the {max}-byte limit"; break; }
                    if (status == FrameReadStatus.Malformed) { reason = "malformed reply frame header"; break; }
                    if (result.IsCompleted) { reason = "connection closed by peer"; break; }
                }
            }
            catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                reason = ex.Message;
            }
            Fail(FrameFailure.ConnectionLost, $"connection to {_client._remote} lost: {reason}");
            await reader.CompleteAsync().ConfigureAwait(false);
        }

        private void Deliver(FrameHeader header, ReadOnlySequence<byte> body)
        {
            PendingRequest? request;
            lock (_client._gate) Pending.Remove(header.CorrelationId, out request);
            // No request: it timed out or was cancelled, and this reply came late.
            if (request is null) return;
            var copy = PooledBuffer.Rent(header.BodyLength);
            body.CopyTo(copy.Memory.Span);
            if (!request.TryComplete(FrameResult.Success(header.Type, copy))) copy.Dispose();
        }

        /// <summary>Fails the connection and every request pending on it; idempotent.</summary>
        public void Fail(FrameFailure failure, string reason)
        {
            if (Interlocked.Exchange(ref _failed, 1) != 0) return;
            PendingRequest[] pending;
            lock (_client._gate)
            {
                if (_client._connection == this) _client._connection = null;
                pending = [.. Pending.Values];
                Pending.Clear();
                // Under the gate, so no caller is writing into the pipe at the same time.
                _outbound.Writer.Complete();
            }
            if (failure != FrameFailure.Disposed) NetLog.ClientConnectionFailed(_client._logger, _client._remote, reason);
            foreach (var request in pending) request.TryComplete(FrameResult.Failed(failure, reason));
            try
            {
                _closing.Cancel();
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Not connected yet, or already closed.
            }
            _socket.Close();
        }
    }
}
