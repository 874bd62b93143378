using Borealis.Common;
using Borealis.Engine.BTrees;
using Borealis.Engine.Pages;

namespace Borealis.Engine.Transactions;

public sealed partial class Transaction
{
    /// <summary>
    /// Applies the write set to the pages as ONE mini-transaction, stamped with the next commit
    /// stamp, and returns once the volume has made it durable (VDL past its LSN). One MTR is
    /// what makes the commit atomic across a crash: recovery cuts the log only between MTRs,
    /// so there is nothing to undo and nothing to replay. Group commit comes from the volume:
    /// the change gate is released before the wait, so other commits append meanwhile.
    /// Locks are held until the commit is durable, then released.
    /// </summary>
    public async ValueTask CommitAsync(CancellationToken cancellationToken = default)
    {
        CheckActive();
        if (_writes.IsEmpty)
        {
            End(TransactionState.Committed);
            return;
        }
        ulong stamp;
        Lsn lsn;
        try
        {
            var scope = await ChangeScope.BeginAsync(_database.Pool, cancellationToken).ConfigureAwait(false);
            await using (scope.ConfigureAwait(false))
            {
                stamp = _database.TakeStamp();
                foreach (var (indexId, writes) in _writes.Indexes)
                {
                    var index = _database.GetIndex(indexId);
                    foreach (var (key, pending) in writes)
                        await ApplyAsync(scope, index, key, pending.Value, stamp, cancellationToken).ConfigureAwait(false);
                }
                lsn = await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            Rollback();
            throw;
        }
        _writes.Clear();
        try { await _database.Pool.WaitDurableAsync(lsn, cancellationToken).ConfigureAwait(false); }
        finally
        {
            // Even when the wait fails (the volume lost its quorum), the change is in the pages and
            // in the log; whether it survives is unknown, as for a MySQL commit whose connection
            // dropped. Locks go either way.
            End(TransactionState.Committed);
        }
        _database.MarkDurable(stamp);
    }

    /// <summary>Writes one key's new version (or tombstone) and keeps the version it replaces for older snapshots.</summary>
    private async ValueTask ApplyAsync(ChangeScope scope, IndexTree index, byte[] key, byte[]? value, ulong stamp, CancellationToken cancellationToken)
    {
        PutResult result;
        if (value is null)
        {
            // A tombstone, not a removal: snapshots older than this commit still find the key
            // and look behind it; purge removes it once none is left.
            result = await index.Tree.PutAsync(scope, key, StoredVersion.Encode(stamp, tombstone: true, []), PutMode.Replace, cancellationToken).ConfigureAwait(false);
            if (result.Written) _database.EnqueueTombstone(index, key, stamp);
        }
        else
        {
            result = await index.Tree.PutAsync(scope, key, StoredVersion.Encode(stamp, tombstone: false, value), PutMode.Upsert, cancellationToken).ConfigureAwait(false);
        }
        if (result.Previous is { } previous)
            _database.Versions.Add(index.Id, key, StoredVersion.Stamp(previous), stamp, StoredVersion.ValueOrNull(previous));
    }
}
