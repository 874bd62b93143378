namespace Borealis.Engine.Transactions;

/// <summary>
/// A transaction's own writes, held until COMMIT (no-steal): per index, the newest intended
/// value of each key it wrote (null: deleted). A journal of what each write replaced lets a
/// savepoint roll back exactly the writes made after it.
/// </summary>
internal sealed class WriteSet
{
    private readonly Dictionary<IndexId, SortedDictionary<byte[], Pending>> _byIndex = [];
    private readonly List<(IndexId Index, byte[] Key, Pending? Replaced)> _journal = [];

    /// <summary>One intended write: the new value (null to delete).</summary>
    public readonly record struct Pending(byte[]? Value);

    public bool IsEmpty => _byIndex.Values.All(w => w.Count == 0);

    /// <summary>A position to roll back to.</summary>
    public int Mark => _journal.Count;

    public IEnumerable<(IndexId Index, SortedDictionary<byte[], Pending> Writes)> Indexes =>
        _byIndex.OrderBy(e => e.Key.Value).Select(e => (e.Key, e.Value));

    public bool TryGet(IndexId index, byte[] key, out Pending pending)
    {
        pending = default;
        return _byIndex.TryGetValue(index, out var writes) && writes.TryGetValue(key, out pending);
    }

    public void Set(IndexId index, byte[] key, byte[]? value)
    {
        if (!_byIndex.TryGetValue(index, out var writes)) _byIndex[index] = writes = new SortedDictionary<byte[], Pending>(KeyComparer.Instance);
        _journal.Add((index, key, writes.TryGetValue(key, out var before) ? before : null));
        writes[key] = new Pending(value);
    }

    /// <summary>The writes in <paramref name="index"/> whose keys <paramref name="inRange"/> accepts, in key order.</summary>
    public List<KeyValuePair<byte[], Pending>> Range(IndexId index, Func<byte[], bool> inRange) =>
        _byIndex.TryGetValue(index, out var writes) ? [.. writes.Where(w => inRange(w.Key))] : [];

    /// <summary>Undoes every write made after <paramref name="mark"/>, newest first.</summary>
    public void RollbackTo(int mark)
    {
        if (mark >= _journal.Count) return;
        for (var i = _journal.Count - 1; i >= mark; i--)
        {
            var (index, key, replaced) = _journal[i];
            var writes = _byIndex[index];
            if (replaced is { } before) writes[key] = before;
            else writes.Remove(key);
        }
        _journal.RemoveRange(mark, _journal.Count - mark);
    }

    public void Clear()
    {
        _byIndex.Clear();
        _journal.Clear();
    }
}
