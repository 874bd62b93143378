namespace Borealis.MySql;

/// <summary>
/// MySQL account host patterns: '%' matches any run of characters, '_' any one character,
/// matched case-insensitively; 'localhost' also names loopback TCP clients (as when mysqld
/// resolves 127.0.0.1 to localhost). Accounts are tried most specific first, the order of
/// https://dev.mysql.com/doc/refman/8.0/en/connection-access.html: literal hosts before
/// patterns, patterns with a longer literal prefix first, '%' and '' last; for equal hosts a
/// named user before the anonymous user.
/// </summary>
public static class HostPattern
{
    public static bool Matches(string pattern, string host)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(host);
        if (pattern.Length == 0) return true; // '' is the same as '%'
        if (string.Equals(pattern, "localhost", StringComparison.OrdinalIgnoreCase) && IsLoopback(host)) return true;
        return Like(pattern, 0, host, 0);
    }

    public static bool IsLoopback(string host) =>
        host is "127.0.0.1" or "::1" or "::ffff:127.0.0.1" || string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase);

    private static bool Like(string pattern, int p, string text, int t)
    {
        while (p < pattern.Length)
        {
            var c = pattern[p];
            if (c == '%')
            {
                while (p < pattern.Length && pattern[p] == '%') p++;
                if (p == pattern.Length) return true;
                for (var k = t; k <= text.Length; k++)
                    if (Like(pattern, p, text, k)) return true;
                return false;
            }
            if (t >= text.Length) return false;
            if (c == '\\' && p + 1 < pattern.Length)
            {
                p++;
                c = pattern[p];
                if (char.ToLowerInvariant(c) != char.ToLowerInvariant(text[t])) return false;
            }
            else if (c != '_' && char.ToLowerInvariant(c) != char.ToLowerInvariant(text[t]))
            {
                return false;
            }
            p++;
            t++;
        }
        return t == text.Length;
    }

    /// <summary>Sort key: smaller is more specific.</summary>
    public static (int Rank, int NegativePrefix) Specificity(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Length == 0 || pattern == "%") return (2, 0);
        var wildcard = pattern.IndexOfAny(['%', '_']);
        return wildcard < 0 ? (0, 0) : (1, -wildcard);
    }

    /// <summary>Picks the account MySQL would: most specific matching host, then named before anonymous user.</summary>
    public static MySqlAccount? Select(IEnumerable<MySqlAccount> accounts, string user, string clientHost)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        return accounts
            .Where(a => (a.User.Length == 0 || a.User == user) && Matches(a.Host, clientHost))
            .OrderBy(a => Specificity(a.Host))
            .ThenBy(a => a.User.Length == 0 ? 1 : 0)
            .FirstOrDefault();
    }
}
