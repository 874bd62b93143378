namespace Borealis.Engine.Transactions;

/// <summary>
/// The versions that open snapshots may still need, in memory only (a restart has no open
/// snapshots). When a commit with stamp S overwrites or deletes a key, the version it replaces
/// (written at stamp F) is kept as valid in [F, S). A snapshot that finds a version in the
/// tree newer than itself looks here; finding nothing means the key did not exist for it.
/// Versions go once no snapshot older than their end can exist any more.
/// </summary>
internal sealed class VersionStore
{
    private readonly object _gate = new();
    private readonly Dictionary<VersionKey, List<OldVersion>> _versions = [];
    /// <summary>In commit order, so ends increase: collection pops from the front.</summary>
    private readonly Queue<(VersionKey Key, ulong ValidTo)> _byEnd = new();

    private readonly record struct OldVersion(ulong ValidFrom, ulong ValidTo, byte[]? Value);

    public int Count
    {
        get { lock (_gate) return _byEnd.Count; }
    }

    public void Add(IndexId index, byte[] key, ulong validFrom, ulong validTo, byte[]? value)
    {
        var versionKey = new VersionKey(index, key);
        lock (_gate)
        {
            if (!_versions.TryGetValue(versionKey, out var list)) _versions[versionKey] = list = [];
            list.Add(new OldVersion(validFrom, validTo, value));
            _byEnd.Enqueue((versionKey, validTo));
        }
    }

    /// <summary>The value <paramref name="key"/> had at <paramref name="snapshot"/> (null: none).</summary>
    public byte[]? Find(IndexId index, byte[] key, ulong snapshot)
    {
        lock (_gate)
        {
            if (!_versions.TryGetValue(new VersionKey(index, key), out var list)) return null;
            foreach (var version in list)
                if (version.ValidFrom <= snapshot && snapshot < version.ValidTo) return version.Value;
            return null;
        }
    }

    /// <summary>Drops every version that ended at or before <paramref name="horizon"/>, the oldest snapshot anyone can hold.</summary>
    public void Collect(ulong horizon)
    {
        lock (_gate)
        {
            while (_byEnd.TryPeek(out var oldest) && oldest.ValidTo <= horizon)
            {
                _byEnd.Dequeue();
                if (!_versions.TryGetValue(oldest.Key, out var list)) continue;
                list.RemoveAll(v => v.ValidTo <= horizon);
                if (list.Count == 0) _versions.Remove(oldest.Key);
            }
        }
    }

    private readonly struct VersionKey(IndexId index, byte[] key) : IEquatable<VersionKey>
    {
        private readonly int _hash = HashCode.Combine(index, Hash(key));
        public IndexId Index { get; } = index;
        public byte[] Key { get; } = key;

        private static int Hash(byte[] key)
        {
            var hash = new HashCode();
            hash.AddBytes(key);
            return hash.ToHashCode();
        }

        public bool Equals(VersionKey other) => Index == other.Index && Key.AsSpan().SequenceEqual(other.Key);
        public override bool Equals(object? obj) => obj is VersionKey other && Equals(other);
        public override int GetHashCode() => _hash;
    }
}
