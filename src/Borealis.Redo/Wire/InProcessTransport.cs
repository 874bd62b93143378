using System.Buffers;
using System.Collections.Concurrent;
using Borealis.Common;

namespace Borealis.Redo.Wire;

/// <summary>
/// The fleet protocol without a network: the same messages handed straight to endpoints in
/// this process. Used by the embedded default and by tests. An address with no endpoint, or
/// one marked down, is unreachable, as a dead node would be.
/// </summary>
public sealed class InProcessTransport : IStorageTransport
{
    private readonly ConcurrentDictionary<(string Host, int Port), IStorageEndpoint> _endpoints = new();
    private readonly ConcurrentDictionary<(string Host, int Port), bool> _down = new();

    public void Register(NodeAddress address, IStorageEndpoint endpoint) => _endpoints[(address.Host, address.Port)] = endpoint;

    public void Unregister(NodeAddress address) => _endpoints.TryRemove((address.Host, address.Port), out _);

    /// <summary>Makes a node unreachable (or reachable again) without stopping it: a network partition.</summary>
    public void SetDown(NodeAddress address, bool down)
    {
        if (down) _down[(address.Host, address.Port)] = true;
        else _down.TryRemove((address.Host, address.Port), out _);
    }

    public IStorageChannel Open(NodeAddress address) => new Channel(this, address);

    private sealed class Channel(InProcessTransport transport, NodeAddress address) : IStorageChannel
    {
        public NodeAddress Address => address;

        public ValueTask<StorageReply> SendAsync(StorageMessageType type, ReadOnlyMemory<byte> body, TimeSpan timeout, CancellationToken cancellationToken = default)
        {
            var key = (address.Host, address.Port);
            if (transport._down.ContainsKey(key) || !transport._endpoints.TryGetValue(key, out var endpoint))
                return ValueTask.FromResult(StorageReply.Unreachable($"{address} is not reachable"));
            // The caller may reuse its buffer as soon as this returns; the endpoint may not be done by then.
            var owner = MemoryPool<byte>.Shared.Rent(body.Length);
            body.CopyTo(owner.Memory);
            return CallAsync(endpoint, type, owner, body.Length, cancellationToken);
        }

        private async ValueTask<StorageReply> CallAsync(IStorageEndpoint endpoint, StorageMessageType type, IMemoryOwner<byte> owner, int length, CancellationToken cancellationToken)
        {
            using (owner)
            {
                try
                {
                    // No timer: an in-process node cannot be partitioned or stopped, only slow to
                    // fsync, and a timer per message costs more than the message.
                    return await endpoint.HandleAsync(type, owner.Memory[..length], cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) { return StorageReply.Unreachable("cancelled"); }
#pragma warning disable CA1031 // a node's failure must look like a failed node to the caller, as over TCP
                catch (Exception e) { return StorageReply.Error(ReplyStatus.Internal, Lsn.Zero, Epoch.Zero, e.Message); }
#pragma warning restore CA1031
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
