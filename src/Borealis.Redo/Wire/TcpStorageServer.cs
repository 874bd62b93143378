using System.Net;
using Borealis.Common;
using Borealis.Common.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Borealis.Redo.Wire;

/// <summary>
/// Serves an <see cref="IStorageEndpoint"/> over TCP. Requests are handed to the endpoint in
/// arrival order per connection; each reply goes back as a <see cref="StorageMessageType.Reply"/>
/// frame with the request's correlation id. The endpoint's exceptions answer the client
/// (<see cref="ReplyStatus.Internal"/>) rather than closing its connection.
/// </summary>
public sealed partial class TcpStorageServer : IAsyncDisposable
{
    private readonly FramedTcpServer<ReplyFrame> _server;

    public TcpStorageServer(IPEndPoint endPoint, IStorageEndpoint endpoint, ILoggerFactory? loggerFactory = null, FramedTcpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var logger = loggerFactory?.CreateLogger<TcpStorageServer>() ?? (ILogger)NullLogger.Instance;
        _server = new FramedTcpServer<ReplyFrame>(endPoint, new Handler(endpoint, logger), logger, options);
    }

    public IPEndPoint LocalEndPoint => _server.LocalEndPoint;

    public int Port => _server.Port;

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    /// <summary>A <see cref="StorageReply"/> as a frame body; disposing it releases the reply's pooled payload.</summary>
    private readonly struct ReplyFrame(StorageReply reply) : IReplyFrame
    {
        public ushort Type => (ushort)StorageMessageType.Reply;
        public int BodyLength => reply.EncodedLength;
        public void WriteBody(Span<byte> destination) => reply.Write(destination);
        public void Dispose() => reply.Dispose();
    }

    private sealed partial class Handler(IStorageEndpoint endpoint, ILogger logger) : IFrameHandler<ReplyFrame>
    {
        public ValueTask<ReplyFrame> HandleAsync(ushort type, ulong correlationId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
        {
            if (type is < (ushort)StorageMessageType.Append or > (ushort)StorageMessageType.Scrub)
                return ValueTask.FromResult(new ReplyFrame(StorageReply.Error(ReplyStatus.BadRequest, Lsn.Zero, Epoch.Zero, $"unknown message type {type}")));
            var messageType = (StorageMessageType)type;
            ValueTask<StorageReply> handled;
            try
            {
                handled = endpoint.HandleAsync(messageType, body, cancellationToken);
            }
#pragma warning disable CA1031 // Any endpoint bug becomes an Internal reply: the policy is "answer the client", not "close the connection".
            catch (Exception ex)
#pragma warning restore CA1031
            {
                return ValueTask.FromResult(Internal(messageType, ex));
            }
            return handled.IsCompletedSuccessfully ? ValueTask.FromResult(new ReplyFrame(handled.Result)) : AwaitAsync(messageType, handled);
        }

        private async ValueTask<ReplyFrame> AwaitAsync(StorageMessageType type, ValueTask<StorageReply> handled)
        {
            try
            {
                return new ReplyFrame(await handled.ConfigureAwait(false));
            }
#pragma warning disable CA1031 // As above: answer the client.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                return Internal(type, ex);
            }
        }

        private ReplyFrame Internal(StorageMessageType type, Exception ex)
        {
            LogEndpointFailed(logger, type, ex);
            return new ReplyFrame(StorageReply.Error(ReplyStatus.Internal, Lsn.Zero, Epoch.Zero, ex.Message));
        }

        [LoggerMessage(Level = LogLevel.Error, Message = "Storage endpoint failed on a {Type} request")]
        private static partial void LogEndpointFailed(ILogger logger, StorageMessageType type, Exception exception);
    }
}
