namespace Borealis.MySql.Tests.Harness;

/// <summary>An in-memory <see cref="IAccountStore"/> (the catalog will be the real one).</summary>
public sealed class TestAccountStore : IAccountStore
{
    private readonly List<MySqlAccount> _accounts = [];

    public TestAccountStore Add(MySqlAccount account)
    {
        lock (_accounts) _accounts.Add(account);
        return this;
    }

    public ValueTask<MySqlAccount?> FindAsync(string user, string clientHost, CancellationToken cancellationToken)
    {
        lock (_accounts) return ValueTask.FromResult(HostPattern.Select(_accounts, user, clientHost));
    }

    /// <summary>The accounts every test server has.</summary>
    public static TestAccountStore Standard() => new TestAccountStore()
        .Add(MySqlPasswords.CachingSha2Account("sha", "%", "sha-pass"))
        .Add(MySqlPasswords.CachingSha2Account("rsa", "%", "rsa-pass"))
        .Add(MySqlPasswords.CachingSha2Account("rsa2", "%", "rsa2-pass"))
        .Add(MySqlPasswords.CachingSha2Account("clisha", "%", "clisha-pass"))
        .Add(MySqlPasswords.CachingSha2Account("pysha", "%", "pysha-pass"))
        .Add(MySqlPasswords.NativeAccount("native", "%", "native-pass"))
        .Add(MySqlPasswords.NativeAccount("other", "%", "other-pass"))
        .Add(MySqlPasswords.CachingSha2Account("secure", "%", "secure-pass", requireSsl: true))
        .Add(MySqlPasswords.CachingSha2Account("empty", "%", ""))
        .Add(MySqlPasswords.NativeAccount("local", "localhost", "local-pass"))
        .Add(MySqlPasswords.NativeAccount("local", "10.%", "wrong-host-pass"));
}
