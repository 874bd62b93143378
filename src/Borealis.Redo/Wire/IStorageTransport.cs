using Borealis.Common;

namespace Borealis.Redo.Wire;

/// <summary>What a storage node exposes to any transport: one request in, one reply out.</summary>
public interface IStorageEndpoint
{
    /// <summary>
    /// Handles one request. Work that must happen in arrival order (appending a batch to the
    /// log) is done before this returns its (possibly pending) task, so a transport that calls
    /// it for each frame in turn keeps each connection's order. The endpoint does not keep
    /// <paramref name="body"/> after the returned task completes.
    /// </summary>
    ValueTask<StorageReply> HandleAsync(StorageMessageType type, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);
}

/// <summary>A way to reach storage nodes: TCP between hosts, in-process in the embedded default.</summary>
public interface IStorageTransport
{
    IStorageChannel Open(NodeAddress address);
}

/// <summary>A pipelined request/reply channel to one storage node.</summary>
public interface IStorageChannel : IAsyncDisposable
{
    NodeAddress Address { get; }

    /// <summary>
    /// Sends a request. The channel is done with <paramref name="body"/> when this call returns
    /// (it copies what it needs), so one buffer can be sent to many channels. Never throws for
    /// a dead, slow or unreachable node: the reply says <see cref="ReplyStatus.Unreachable"/>.
    /// </summary>
    ValueTask<StorageReply> SendAsync(StorageMessageType type, ReadOnlyMemory<byte> body, TimeSpan timeout, CancellationToken cancellationToken = default);
}
