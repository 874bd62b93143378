using System.Runtime.CompilerServices;
using Borealis.Engine.BTrees;

namespace Borealis.Engine.Transactions;

public sealed partial class Transaction
{
    /// <summary>
    /// The value of <paramref name="key"/> as this transaction sees it: its own write if it made
    /// one, else the snapshot's version (consistent read) or the newest committed version under
    /// a row lock (locking read). Null when there is no such row.
    /// </summary>
    public async ValueTask<byte[]?> GetAsync(IndexTree index, ReadOnlyMemory<byte> key, ReadMode mode = ReadMode.Snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        CheckActive();
        var keyBytes = key.ToArray();
        mode = EffectiveMode(mode);
        if (mode != ReadMode.Snapshot) await LockRecordAsync(index, keyBytes, mode == ReadMode.LockExclusive, cancellationToken).ConfigureAwait(false);
        if (_writes.TryGet(index.Id, keyBytes, out var own)) return own.Value;
        var stored = await index.Tree.TryGetAsync(keyBytes, cancellationToken).ConfigureAwait(false);
        return mode == ReadMode.Snapshot ? Visible(index, keyBytes, stored, Snapshot()) : Newest(stored);
    }

    /// <summary>
    /// The rows of <paramref name="range"/> in key order as this transaction sees them (its own
    /// writes merged in). A locking scan locks every row it returns and the gaps it crossed.
    /// </summary>
    public async IAsyncEnumerable<KeyValuePair<byte[], byte[]>> ScanAsync(IndexTree index, KeyRange range, ScanDirection direction = ScanDirection.Forward,
        ReadMode mode = ReadMode.Snapshot, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        CheckActive();
        mode = EffectiveMode(mode);
        var snapshot = mode == ReadMode.Snapshot ? Snapshot() : 0;
        var own = _writes.Range(index.Id, k => range.IsAboveLow(k) && range.IsBelowHigh(k));
        if (direction == ScanDirection.Backward) own.Reverse();
        var ownAt = 0;
        var sign = direction == ScanDirection.Forward ? 1 : -1;

        await foreach (var (key, stored) in index.Tree.ScanAsync(range, direction, cancellationToken).ConfigureAwait(false))
        {
            // Own writes that sort before this tree key come first.
            while (ownAt < own.Count && sign * KeyComparer.Instance.Compare(own[ownAt].Key, key) < 0)
            {
                var (ownKey, pending) = own[ownAt++];
                if (pending.Value is { } ownValue) yield return new(ownKey, ownValue);
            }
            if (ownAt < own.Count && KeyComparer.Instance.Compare(own[ownAt].Key, key) == 0)
            {
                var (ownKey, pending) = own[ownAt++];
                if (mode != ReadMode.Snapshot) await LockNextKeyAsync(index, ownKey, mode == ReadMode.LockExclusive, cancellationToken).ConfigureAwait(false);
                if (pending.Value is { } ownValue) yield return new(ownKey, ownValue);
                continue;
            }
            byte[]? value;
            if (mode == ReadMode.Snapshot) value = Visible(index, key, stored, snapshot);
            else
            {
                await LockNextKeyAsync(index, key, mode == ReadMode.LockExclusive, cancellationToken).ConfigureAwait(false);
                // The row may have changed between the scan's copy and the lock: read it again.
                value = Newest(await index.Tree.TryGetAsync(key, cancellationToken).ConfigureAwait(false));
            }
            if (value is not null) yield return new(key, value);
        }
        while (ownAt < own.Count)
        {
            var (ownKey, pending) = own[ownAt++];
            if (pending.Value is { } ownValue) yield return new(ownKey, ownValue);
        }
        // The gap after the last row returned, up to the next key (or the end of the index), is
        // locked too: no phantom can appear at the end of a locking range.
        if (mode != ReadMode.Snapshot) await LockGapAfterRangeAsync(index, range, direction, mode == ReadMode.LockExclusive, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SERIALIZABLE turns plain reads of a read-write transaction into shared locking reads, as InnoDB does.</summary>
    private ReadMode EffectiveMode(ReadMode mode) =>
        mode == ReadMode.Snapshot && Isolation == IsolationLevel.Serializable && !ReadOnly ? ReadMode.LockShared : mode;

    /// <summary>The version of a stored row a snapshot sees (null: none).</summary>
    private byte[]? Visible(IndexTree index, byte[] key, byte[]? stored, ulong snapshot)
    {
        if (stored is null) return null;
        if (StoredVersion.Stamp(stored) <= snapshot) return StoredVersion.ValueOrNull(stored);
        return _database.Versions.Find(index.Id, key, snapshot);
    }

    private static byte[]? Newest(byte[]? stored) => stored is null ? null : StoredVersion.ValueOrNull(stored);
}
