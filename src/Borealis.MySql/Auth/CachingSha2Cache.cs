using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Borealis.MySql;

/// <summary>
/// caching_sha2_password's per-account cache of SHA256(SHA256(password)), filled by a full
/// authentication and used by the fast path. An entry remembers the verifier it was proven
/// against, so a changed password (ALTER USER) invalidates it without an explicit flush, as
/// mysqld clears its cache on ALTER USER.
/// </summary>
public sealed class CachingSha2Cache
{
    private readonly ConcurrentDictionary<(string User, string Host), (byte[] Verifier, byte[] Digest)> _entries = new();

    public bool TryGet(MySqlAccount account, out byte[] digest)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (_entries.TryGetValue((account.User, account.Host), out var entry) && CryptographicOperations.FixedTimeEquals(entry.Verifier, account.Verifier))
        {
            digest = entry.Digest;
            return true;
        }
        digest = [];
        return false;
    }

    public void Set(MySqlAccount account, byte[] digest)
    {
        ArgumentNullException.ThrowIfNull(account);
        _entries[(account.User, account.Host)] = (account.Verifier, digest);
    }

    /// <summary>FLUSH PRIVILEGES / DROP USER.</summary>
    public void Clear() => _entries.Clear();

    public int Count => _entries.Count;
}
