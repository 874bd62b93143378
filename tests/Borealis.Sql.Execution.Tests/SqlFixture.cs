namespace Borealis.Sql.Execution.Tests;

/// <summary>One server for a test class's cases.</summary>
public sealed class SqlFixture : IAsyncLifetime
{
    public SqlServerHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await SqlServerHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
