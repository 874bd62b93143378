using System.Runtime.CompilerServices;
using Borealis.Engine.BTrees;
using Borealis.Engine.Locks;

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
        // SKIP LOCKED: a row locked by another transaction is not there for this read.
        if (mode != ReadMode.Snapshot && !await LockRecordAsync(index, keyBytes, mode == ReadMode.LockExclusive, cancellationToken).ConfigureAwait(false)) return null;
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
        if (mode != ReadMode.Snapshot)
        {
            foreach (var row in await LockingScanAsync(index, range, direction, mode == ReadMode.LockExclusive, cancellationToken).ConfigureAwait(false)) yield return row;
            yield break;
        }
        var snapshot = Snapshot();
        var own = OwnWrites(index, range, direction);
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
                if (pending.Value is { } ownValue) yield return new(ownKey, ownValue);
                continue;
            }
            if (Visible(index, key, stored, snapshot) is { } value) yield return new(key, value);
        }
        while (ownAt < own.Count)
        {
            var (ownKey, pending) = own[ownAt++];
            if (pending.Value is { } ownValue) yield return new(ownKey, ownValue);
        }
    }

    private List<KeyValuePair<byte[], WriteSet.Pending>> OwnWrites(IndexTree index, KeyRange range, ScanDirection direction)
    {
        var own = _writes.Range(index.Id, k => range.IsAboveLow(k) && range.IsBelowHigh(k));
        if (direction == ScanDirection.Backward) own.Reverse();
        return own;
    }

    /// <summary>
    /// A locking scan (FOR UPDATE/SHARE, the rows of an UPDATE or DELETE): every record it meets
    /// is locked (next-key under REPEATABLE READ) and read again at its newest committed
    /// version, the gap beyond the range is locked, and other transactions' uncommitted inserts
    /// in the range are waited for, after which the scan runs again. The rows are collected
    /// before they are returned, so a rerun never shows a row twice.
    /// </summary>
    private async ValueTask<List<KeyValuePair<byte[], byte[]>>> LockingScanAsync(IndexTree index, KeyRange range, ScanDirection direction, bool exclusive, CancellationToken cancellationToken)
    {
        while (true)
        {
            var rows = new List<KeyValuePair<byte[], byte[]>>();
            var own = OwnWrites(index, range, direction);
            var ownAt = 0;
            var sign = direction == ScanDirection.Forward ? 1 : -1;
            await foreach (var (key, _) in index.Tree.ScanAsync(range, direction, cancellationToken).ConfigureAwait(false))
            {
                while (ownAt < own.Count && sign * KeyComparer.Instance.Compare(own[ownAt].Key, key) < 0)
                {
                    var (ownKey, pending) = own[ownAt++];
                    if (pending.Value is { } ownValue) rows.Add(new(ownKey, ownValue));
                }
                var locked = await LockNextKeyAsync(index, key, exclusive, cancellationToken).ConfigureAwait(false);
                if (ownAt < own.Count && KeyComparer.Instance.Compare(own[ownAt].Key, key) == 0)
                {
                    var (ownKey, pending) = own[ownAt++];
                    if (pending.Value is { } ownValue) rows.Add(new(ownKey, ownValue));
                    continue;
                }
                if (!locked) continue; // SKIP LOCKED
                // The row may have changed between the scan's copy and the lock: read it again.
                if (Newest(await index.Tree.TryGetAsync(key, cancellationToken).ConfigureAwait(false)) is { } value) rows.Add(new(key, value));
            }
            while (ownAt < own.Count)
            {
                var (ownKey, pending) = own[ownAt++];
                if (pending.Value is { } ownValue) rows.Add(new(ownKey, ownValue));
            }
            await LockGapAfterRangeAsync(index, range, exclusive, cancellationToken).ConfigureAwait(false);
            if (LockWaitPolicy == LockWaitPolicy.SkipLocked) return rows;
            if (!await WaitForPendingInsertsAsync(index, range, exclusive, cancellationToken).ConfigureAwait(false)) return rows;
        }
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
