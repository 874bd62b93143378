using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Borealis.Common.Net;

public sealed partial class FramedTcpServer<TReply>
{
    /// <summary>
    /// One accepted socket: a read loop that dispatches frames in order, and a single write loop
    /// that serializes replies (from a bounded queue, so a client that stops reading eventually
    /// stops this connection from reading too, instead of growing memory).
    /// </summary>
    private sealed class Connection
    {
        private readonly FramedTcpServer<TReply> _server;
        private readonly Socket _socket;
        private readonly EndPoint? _remote;
        private readonly PipeReader _reader;
        private readonly PipeWriter _writer;
        private readonly Channel<(ulong CorrelationId, TReply Reply)> _replies;
        private readonly CancellationTokenSource _closing;
        // Kept apart from _closing: late handler completions read it after _closing is disposed.
        private readonly CancellationToken _closingToken;

        public Connection(FramedTcpServer<TReply> server, Socket socket)
        {
            _server = server;
            _socket = socket;
            _socket.NoDelay = true;
            _remote = socket.RemoteEndPoint;
            var stream = new NetworkStream(socket, ownsSocket: false);
            _reader = PipeReader.Create(stream);
            _writer = PipeWriter.Create(stream);
            _replies = Channel.CreateBounded<(ulong, TReply)>(new BoundedChannelOptions(server._options.MaxQueuedReplies)
            {
                SingleReader = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
            _closing = CancellationTokenSource.CreateLinkedTokenSource(server._stopping.Token);
            _closingToken = _closing.Token;
        }

        public async Task RunAsync()
        {
            // Yield so the accept loop goes back to accepting while this connection starts.
            await Task.Yield();
            var writeLoop = WriteLoopAsync();
            var reason = await ReadLoopAsync().ConfigureAwait(false);
            if (reason is not null && !_server._stopping.IsCancellationRequested)
                NetLog.ClosingServerConnection(_server._logger, _remote, reason);
            Abort();
            await writeLoop.ConfigureAwait(false);
            await _reader.CompleteAsync().ConfigureAwait(false);
            _socket.Dispose();
            _closing.Dispose();
            _server._connections.TryRemove(this, out _);
        }

        /// <summary>Ends both loops; pending handler replies are dropped when they complete.</summary>
        public void Abort()
        {
            _replies.Writer.TryComplete();
            try
            {
                _closing.Cancel();
                // Shutdown wakes a read blocked in the kernel; the socket itself is disposed by RunAsync.
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (ObjectDisposedException) { }
            catch (SocketException) { }
        }

        /// <summary>Returns why the connection ended abnormally, or null for a clean close.</summary>
        private async Task<string?> ReadLoopAsync()
        {
            var ct = _closingToken;
            var max = _server._options.MaxBodySize;
            try
            {
                while (true)
                {
                    var result = await _reader.ReadAsync(ct).ConfigureAwait(false);
                    var buffer = result.Buffer;
                    try
                    {
                        while (true)
                        {
                            var status = FrameHeader.TryRead(ref buffer, max, out var header, out var body);
                            if (status == FrameReadStatus.Incomplete) break;
                            if (status == FrameReadStatus.TooLarge) return $"frame body over the {max}-byte limit";
                            if (status == FrameReadStatus.Malformed) return "malformed frame header (non-zero flags)";
                            if (!await DispatchAsync(header, body, ct).ConfigureAwait(false)) return "frame handler failed";
                        }
                        if (result.IsCompleted)
                            return buffer.IsEmpty ? null : $"connection closed inside a frame ({buffer.Length} bytes left over)";
                    }
                    finally
                    {
                        _reader.AdvanceTo(buffer.Start, buffer.End);
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return null;
            }
            catch (IOException ex)
            {
                return ex.Message;
            }
            catch (SocketException ex)
            {
                return ex.Message;
            }
        }

        /// <summary>
        /// Calls the handler on a pooled copy of the body (the reader's buffer is released before a
        /// slow reply completes) and queues its reply. False when the handler failed.
        /// </summary>
        private async ValueTask<bool> DispatchAsync(FrameHeader header, ReadOnlySequence<byte> body, CancellationToken ct)
        {
            var copy = ArrayPool<byte>.Shared.Rent(header.BodyLength);
            body.CopyTo(copy);
            ValueTask<TReply> pending;
            try
            {
                pending = _server._handler.HandleAsync(header.Type, header.CorrelationId, copy.AsMemory(0, header.BodyLength), ct);
            }
            catch (Exception ex)
            {
                ArrayPool<byte>.Shared.Return(copy);
                NetLog.HandlerFailed(_server._logger, _remote, ex);
                return false;
            }
            if (!pending.IsCompleted)
            {
                // Keep reading the next frames while this reply is pending.
                CompleteLater(pending, header.CorrelationId, copy);
                return true;
            }
            TReply reply;
            try
            {
                reply = pending.Result;
            }
            catch (Exception ex)
            {
                NetLog.HandlerFailed(_server._logger, _remote, ex);
                return false;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(copy);
            }
            await EnqueueAsync(header.CorrelationId, reply, ct).ConfigureAwait(false);
            return true;
        }

        // Fire and forget by design: the reply is enqueued (or dropped with the connection) when done.
        private void CompleteLater(ValueTask<TReply> pending, ulong correlationId, byte[] body) =>
            _ = CompleteLaterAsync(pending, correlationId, body);

        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
        private async ValueTask CompleteLaterAsync(ValueTask<TReply> pending, ulong correlationId, byte[] body)
        {
            TReply reply;
            try
            {
                reply = await pending.ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                if (!_closingToken.IsCancellationRequested) NetLog.HandlerFailed(_server._logger, _remote, ex);
                Abort();
                return;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(body);
            }
            await EnqueueAsync(correlationId, reply, _closingToken).ConfigureAwait(false);
        }

        private async ValueTask EnqueueAsync(ulong correlationId, TReply reply, CancellationToken ct)
        {
            if (_replies.Writer.TryWrite((correlationId, reply))) return;
            try
            {
                await _replies.Writer.WriteAsync((correlationId, reply), ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
            {
                reply.Dispose();
            }
        }

        private async Task WriteLoopAsync()
        {
            var ct = _closingToken;
            var reader = _replies.Reader;
            try
            {
                while (await reader.WaitToReadAsync(ct).ConfigureAwait(false))
                {
                    // Write everything already finished, then flush once: pipelined replies share syscalls.
                    while (reader.TryRead(out var item))
                    {
                        using (item.Reply) Write(item.CorrelationId, item.Reply);
                    }
                    var flush = await _writer.FlushAsync(ct).ConfigureAwait(false);
                    if (flush.IsCompleted) break;
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // The connection is closing (or broke); the read loop reports why.
            }
            finally
            {
                Abort();
                while (reader.TryRead(out var item)) item.Reply.Dispose();
                try
                {
                    await _writer.CompleteAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
                {
                    // Completing flushes leftovers into a socket that is already shut down.
                }
            }
        }

        private void Write(ulong correlationId, TReply reply)
        {
            var length = reply.BodyLength;
            var span = _writer.GetSpan(FrameHeader.Size + length);
            new FrameHeader(length, reply.Type, correlationId).Write(span);
            reply.WriteBody(span.Slice(FrameHeader.Size, length));
            _writer.Advance(FrameHeader.Size + length);
        }
    }
}
