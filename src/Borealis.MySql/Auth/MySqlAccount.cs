namespace Borealis.MySql;

/// <summary>
/// One account ('user'@'host pattern'): its authentication plugin and stored verifier (see
/// <see cref="MySqlPasswords"/>). Accounts will live in the catalog; the protocol layer only reads them.
/// </summary>
public sealed record MySqlAccount(string User, string Host, string Plugin, byte[] Verifier, bool RequireSsl = false)
{
    /// <summary>'user'@'host' as MySQL prints it (CURRENT_USER()).</summary>
    public override string ToString() => $"'{User}'@'{Host}'";
}

/// <summary>Resolves the account a client logs in as; the catalog implements it.</summary>
public interface IAccountStore
{
    /// <summary>
    /// The account for <paramref name="user"/> connecting from <paramref name="clientHost"/>
    /// (an IP address, or "localhost" for loopback), chosen as MySQL does: among the accounts
    /// whose host pattern matches, the most specific host first (see <see cref="HostPattern.Select"/>).
    /// </summary>
    ValueTask<MySqlAccount?> FindAsync(string user, string clientHost, CancellationToken cancellationToken);
}

/// <summary>Names of the authentication plugins served.</summary>
public static class AuthPlugins
{
    public const string CachingSha2Password = "caching_sha2_password";
    public const string NativePassword = "mysql_native_password";
}
