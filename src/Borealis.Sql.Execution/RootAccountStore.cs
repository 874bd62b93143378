using Borealis.MySql;

namespace Borealis.Sql.Execution;

/// <summary>
/// The accounts of this slice: 'root'@'%' with the password given (empty by default), usable
/// with either plugin. Not yet in the catalog: CREATE USER and GRANT answer 1235 (see
/// docs/sql-execution.md).
/// </summary>
public sealed class RootAccountStore(string password = "") : IAccountStore
{
    private readonly MySqlAccount[] _accounts = [MySqlPasswords.CachingSha2Account("root", "%", password)];

    public ValueTask<MySqlAccount?> FindAsync(string user, string clientHost, CancellationToken cancellationToken) =>
        ValueTask.FromResult(HostPattern.Select(_accounts, user, clientHost));
}
