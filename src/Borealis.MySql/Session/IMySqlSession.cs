using Borealis.MySql.Protocol;

namespace Borealis.MySql;

/// <summary>
/// Opens the SQL layer's side of a connection once it has authenticated (and again after
/// COM_CHANGE_USER). The protocol layer executes no SQL itself.
/// </summary>
public interface IMySqlSessionFactory
{
    ValueTask<IMySqlSession> OpenAsync(MySqlSessionContext context, CancellationToken cancellationToken);
}

/// <summary>
/// The SQL layer's half of one connection. Calls are never concurrent (the protocol is
/// request/response). Errors for the client are thrown as <see cref="MySqlErrorException"/>;
/// an <see cref="OperationCanceledException"/> after KILL QUERY is answered with 1317.
/// Results are streamed through the <see cref="MySqlResultWriter"/>.
/// </summary>
public interface IMySqlSession : IAsyncDisposable
{
    /// <summary>SERVER_STATUS_IN_TRANS / AUTOCOMMIT / ... bits for OK and EOF packets.</summary>
    ServerStatus Status { get; }

    /// <summary>COM_INIT_DB (and the database of the handshake): throw 1049 for an unknown database.</summary>
    ValueTask InitDbAsync(string database, CancellationToken cancellationToken);

    /// <summary>
    /// COM_QUERY: the statement text (several statements when <see cref="MySqlSessionContext.MultiStatements"/>).
    /// Write one result (a result set or an OK) per statement.
    /// </summary>
    ValueTask QueryAsync(ReadOnlyMemory<byte> sql, MySqlResultWriter results, CancellationToken cancellationToken);

    /// <summary>COM_STMT_PREPARE: parse and describe, do not execute.</summary>
    ValueTask<MySqlStatement> PrepareAsync(ReadOnlyMemory<byte> sql, CancellationToken cancellationToken);

    /// <summary>COM_STMT_EXECUTE with decoded parameters (valid only during the call).</summary>
    ValueTask ExecuteAsync(MySqlStatement statement, ReadOnlyMemory<MySqlParameterValue> parameters, MySqlResultWriter results, CancellationToken cancellationToken);

    /// <summary>COM_STMT_CLOSE, COM_RESET_CONNECTION and disconnect release statements through this.</summary>
    void CloseStatement(MySqlStatement statement);

    /// <summary>COM_FIELD_LIST: write the columns of a table with <see cref="MySqlResultWriter.WriteFieldList"/>.</summary>
    ValueTask FieldListAsync(string table, string? wildcard, MySqlResultWriter results, CancellationToken cancellationToken);

    /// <summary>COM_RESET_CONNECTION: roll back, drop temporary tables and user variables, reset session variables.</summary>
    ValueTask ResetAsync(CancellationToken cancellationToken);

    /// <summary>CONNECTION_ADMIN (or SUPER): COM_PROCESS_KILL may end other users' connections.</summary>
    bool MayKillOtherUsers => false;
}
