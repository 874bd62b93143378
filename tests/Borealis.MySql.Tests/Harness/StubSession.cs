using Borealis.MySql.Protocol;

namespace Borealis.MySql.Tests.Harness;

/// <summary>A session that only reports a status: for driving <see cref="MySqlResultWriter"/> without a server.</summary>
public sealed class StubSession : IMySqlSession
{
    public ServerStatus Status => ServerStatus.Autocommit;
    public ValueTask InitDbAsync(string database, CancellationToken cancellationToken) => throw new NotSupportedException();
    public ValueTask QueryAsync(ReadOnlyMemory<byte> sql, MySqlResultWriter results, CancellationToken cancellationToken) => throw new NotSupportedException();
    public ValueTask<MySqlStatement> PrepareAsync(ReadOnlyMemory<byte> sql, CancellationToken cancellationToken) => throw new NotSupportedException();
    public ValueTask ExecuteAsync(MySqlStatement statement, ReadOnlyMemory<MySqlParameterValue> parameters, MySqlResultWriter results, CancellationToken cancellationToken) => throw new NotSupportedException();
    public void CloseStatement(MySqlStatement statement) { }
    public ValueTask FieldListAsync(string table, string? wildcard, MySqlResultWriter results, CancellationToken cancellationToken) => throw new NotSupportedException();
    public ValueTask ResetAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
