using System.Net;
using Borealis.Common;
using Borealis.Common.Net;
using Microsoft.Extensions.Logging;

namespace Borealis.Redo.Wire;

/// <summary>
/// Reaches storage nodes over TCP: each channel is one pipelined <see cref="FramedTcpClient"/>
/// connection whose request frames carry the <see cref="StorageMessageType"/> and whose reply
/// frames carry an encoded <see cref="StorageReply"/>.
/// </summary>
public sealed class TcpStorageTransport(ILoggerFactory? loggerFactory = null, FramedTcpOptions? options = null) : IStorageTransport
{
    private readonly ILogger? _logger = loggerFactory?.CreateLogger<TcpStorageTransport>();

    /// <summary>Opens a channel; it connects on its first send. Dispose it to close the connection.</summary>
    public IStorageChannel Open(NodeAddress address) =>
        new TcpStorageChannel(address, new FramedTcpClient(new DnsEndPoint(address.Host, address.Port), _logger, options));

    private sealed class TcpStorageChannel(NodeAddress address, FramedTcpClient client) : IStorageChannel
    {
        public NodeAddress Address { get; } = address;

        public ValueTask<StorageReply> SendAsync(StorageMessageType type, ReadOnlyMemory<byte> body, TimeSpan timeout, CancellationToken cancellationToken = default)
        {
            var sent = client.SendAsync((ushort)type, body, timeout, cancellationToken);
            return sent.IsCompletedSuccessfully ? ValueTask.FromResult(ToReply(sent.Result)) : AwaitReplyAsync(sent);
        }

        private static async ValueTask<StorageReply> AwaitReplyAsync(ValueTask<FrameResult> sent) => ToReply(await sent.ConfigureAwait(false));

        /// <summary>Every transport problem, including a reply that does not decode, reads as Unreachable.</summary>
        private static StorageReply ToReply(FrameResult result)
        {
            if (!result.IsSuccess) return StorageReply.Unreachable($"{result.Failure}: {result.Reason}");
            if (result.Type != (ushort)StorageMessageType.Reply)
            {
                result.Dispose();
                return StorageReply.Unreachable($"unexpected frame type {result.Type} in reply");
            }
            if (!StorageReply.TryRead(result.Body, result.Owner, out var reply))
            {
                result.Dispose();
                return StorageReply.Unreachable("malformed reply");
            }
            return reply;
        }

        public ValueTask DisposeAsync() => client.DisposeAsync();
    }
}
