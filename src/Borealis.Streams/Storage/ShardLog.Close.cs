using Borealis.Common;

namespace Borealis.Streams.Storage;

public sealed partial class ShardLog
{
    private ulong? _closedAt; // under the append gate

    /// <summary>
    /// Closes the shard for resharding: no append starts after this, and it returns the log's end
    /// once every append before it is durable, so that end is exactly the last record a reader of
    /// the parent sees before going on to its children.
    /// </summary>
    public async Task<ulong> CloseAsync(CancellationToken cancellationToken = default)
    {
        ulong end;
        Lsn last;
        await _appendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _closedAt ??= _assigned.Tail;
            end = _closedAt.Value;
            last = _lastAppended;
        }
        finally
        {
            _appendGate.Release();
        }
        if (last != Lsn.Zero) await _volume.WaitDurableAsync(last, cancellationToken).ConfigureAwait(false);
        WakeWaiters();
        return end;
    }

    /// <summary>Reopens a shard the catalog says is closed (at start): appends are refused again.</summary>
    public void MarkClosed(ulong end) => _closedAt = end;

    /// <summary>Undoes <see cref="CloseAsync"/> when resharding could not record the change: the catalog still has the shard open.</summary>
    public void Reopen()
    {
        _appendGate.Wait();
        try { _closedAt = null; }
        finally { _appendGate.Release(); }
    }
}
