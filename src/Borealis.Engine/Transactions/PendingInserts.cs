namespace Borealis.Engine.Transactions;

/// <summary>
/// Keys inserted by transactions that have not committed yet, per index. Under no-steal an
/// uncommitted insert is not in the tree, so a locking range scan cannot meet it as InnoDB's
/// scan meets an uncommitted record; it asks here instead, and waits for the inserter's lock
/// on that key, so that no phantom appears once the inserter commits.
/// </summary>
internal sealed class PendingInserts
{
    private readonly object _gate = new();
    private readonly Dictionary<IndexId, SortedDictionary<byte[], List<TransactionId>>> _byIndex = [];

    public void Add(IndexId index, byte[] key, TransactionId owner)
    {
        lock (_gate)
        {
            if (!_byIndex.TryGetValue(index, out var keys)) _byIndex[index] = keys = new SortedDictionary<byte[], List<TransactionId>>(KeyComparer.Instance);
            if (!keys.TryGetValue(key, out var owners)) keys[key] = owners = [];
            if (!owners.Contains(owner)) owners.Add(owner);
        }
    }

    public void Remove(IndexId index, byte[] key, TransactionId owner)
    {
        lock (_gate)
        {
            if (!_byIndex.TryGetValue(index, out var keys) || !keys.TryGetValue(key, out var owners)) return;
            owners.Remove(owner);
            if (owners.Count == 0) keys.Remove(key);
        }
    }

    /// <summary>Keys of <paramref name="index"/> that <paramref name="inRange"/> accepts, pending for a transaction other than <paramref name="self"/>.</summary>
    public List<byte[]> OthersIn(IndexId index, Func<byte[], bool> inRange, TransactionId self)
    {
        lock (_gate)
        {
            if (!_byIndex.TryGetValue(index, out var keys)) return [];
            return [.. keys.Where(e => e.Value.Any(o => o != self) && inRange(e.Key)).Select(e => e.Key)];
        }
    }
}
