using Borealis.MySql;
using Borealis.Sql.Execution.Catalog;

namespace Borealis.Sql.Execution;

/// <summary>Opens one <see cref="SqlSession"/> per connection over the shared catalog.</summary>
public sealed class SqlSessionFactory(SqlCatalog catalog) : IMySqlSessionFactory
{
    public ValueTask<IMySqlSession> OpenAsync(MySqlSessionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        // A database named at connect is checked by the protocol layer through InitDbAsync (1049, then close).
        return ValueTask.FromResult<IMySqlSession>(new SqlSession(catalog, context));
    }
}
