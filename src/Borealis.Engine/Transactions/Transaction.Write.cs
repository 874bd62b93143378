namespace Borealis.Engine.Transactions;

public sealed partial class Transaction
{
    /// <summary>
    /// Inserts a new key; false, changing nothing, when the key exists in the newest committed
    /// version or in this transaction's own writes (the caller's duplicate-key error, 1062).
    /// The key is locked exclusively first, so a concurrent insert of the same key waits for
    /// this transaction's end and then sees the duplicate.
    /// </summary>
    public async ValueTask<bool> InsertAsync(IndexTree index, ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        CheckWritable();
        var keyBytes = key.ToArray();
        await LockForInsertAsync(index, keyBytes, cancellationToken).ConfigureAwait(false);
        if (await ExistsAsync(index, keyBytes, cancellationToken).ConfigureAwait(false)) return false;
        _writes.Set(index.Id, keyBytes, value.ToArray());
        NotePendingInsert(index, keyBytes);
        return true;
    }

    /// <summary>Replaces the value of an existing key (newest committed version, locked); false when there is none.</summary>
    public async ValueTask<bool> UpdateAsync(IndexTree index, ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        CheckWritable();
        var keyBytes = key.ToArray();
        await LockRecordAsync(index, keyBytes, exclusive: true, cancellationToken).ConfigureAwait(false);
        if (!await ExistsAsync(index, keyBytes, cancellationToken).ConfigureAwait(false)) return false;
        _writes.Set(index.Id, keyBytes, value.ToArray());
        return true;
    }

    /// <summary>Writes a key whether or not it exists (REPLACE, upserts); true when it existed.</summary>
    public async ValueTask<bool> PutAsync(IndexTree index, ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        CheckWritable();
        var keyBytes = key.ToArray();
        await LockForInsertAsync(index, keyBytes, cancellationToken).ConfigureAwait(false);
        var existed = await ExistsAsync(index, keyBytes, cancellationToken).ConfigureAwait(false);
        _writes.Set(index.Id, keyBytes, value.ToArray());
        if (!existed) NotePendingInsert(index, keyBytes);
        return existed;
    }

    /// <summary>Deletes an existing key (newest committed version, locked); false when there is none.</summary>
    public async ValueTask<bool> DeleteAsync(IndexTree index, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        CheckWritable();
        var keyBytes = key.ToArray();
        await LockRecordAsync(index, keyBytes, exclusive: true, cancellationToken).ConfigureAwait(false);
        if (!await ExistsAsync(index, keyBytes, cancellationToken).ConfigureAwait(false)) return false;
        _writes.Set(index.Id, keyBytes, null);
        return true;
    }

    /// <summary>Whether the key exists for a writer: its own write, else the newest committed version.</summary>
    private async ValueTask<bool> ExistsAsync(IndexTree index, byte[] key, CancellationToken cancellationToken)
    {
        if (_writes.TryGet(index.Id, key, out var own)) return own.Value is not null;
        return Newest(await index.Tree.TryGetAsync(key, cancellationToken).ConfigureAwait(false)) is not null;
    }
}
