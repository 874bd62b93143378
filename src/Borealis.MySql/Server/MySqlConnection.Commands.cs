using System.Globalization;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using Borealis.MySql.Protocol;
using Borealis.MySql.Protocol.Payloads;

namespace Borealis.MySql.Server;

// The command phase: one packet in, its response out, until COM_QUIT, a timeout, KILL, or an error
// that closes the connection. https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_command_phase.html
internal sealed partial class MySqlConnection
{
    private MySqlResultWriter Results => _results!;

    private IMySqlSession Session => _session ?? throw new InvalidOperationException("No session.");

    /// <summary>Returns why the connection ended.</summary>
    private async Task<string> CommandLoopAsync()
    {
        var channel = Channel;
        while (true)
        {
            SetCommand("Sleep");
            var idle = Context!.Interactive ? Options.InteractiveTimeout : Options.WaitTimeout;
            ReadOnlyMemory<byte>? packet;
            try
            {
                packet = await channel.ReadPacketAsync(newCommand: true, idle).ConfigureAwait(false);
            }
            catch (NetTimeoutException ex) when (ex.Idle)
            {
                // MySQL 8.0.24+ says why before closing an idle connection.
                await SendErrorAndFlushAsync(ErrorPayload.Create(MySqlErrorCode.ClientInteractionTimeout)).ConfigureAwait(false);
                return "wait_timeout";
            }
            catch (MySqlErrorException ex) when (ex.ClosesConnection)
            {
                // 1153 (packet over max_allowed_packet) and 1156 (out of order): answer, then close, as mysqld.
                channel.Sequence = 1;
                await SendErrorAndFlushAsync(ErrorPayload.Create(ex)).ConfigureAwait(false);
                return ex.Message;
            }
            if (packet is null) return "client closed the connection";
            if (_killed) return "killed";
            var keepOpen = await DispatchAsync(packet.Value).ConfigureAwait(false);
            channel.ReleasePayload();
            await channel.FlushAsync().ConfigureAwait(false);
            if (!keepOpen) return _killed ? "killed" : "client quit";
        }
    }

    /// <summary>Runs one command; false when the connection is to close afterwards.</summary>
    // Pooled state machines: a command that waits (on the session or the socket) allocates no box.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> DispatchAsync(ReadOnlyMemory<byte> packet)
    {
        if (packet.IsEmpty)
        {
            Results.WriteError(ErrorPayload.Create(MySqlErrorCode.MalformedPacket));
            return true;
        }
        var command = (CommandKind)packet.Span[0];
        var body = packet[1..];
        MySqlLog.Command(_server.Logger, Id, command, body.Length);
        var ct = QueryToken();
        try
        {
            switch (command)
            {
                case CommandKind.Quit:
                    return false;
                case CommandKind.Query:
                    SetCommand("Query");
                    _server.CountQuestion();
                    Results.Begin(Session, _capabilities, _collation, binary: false);
                    await Session.QueryAsync(body, Results, ct).ConfigureAwait(false);
                    Results.Finish();
                    break;
                case CommandKind.Ping:
                    WriteOk();
                    break;
                case CommandKind.InitDb:
                    SetCommand("Init DB");
                    var database = Encoding.UTF8.GetString(body.Span);
                    await Session.InitDbAsync(database, ct).ConfigureAwait(false);
                    Context!.Database = database;
                    WriteOk();
                    break;
                case CommandKind.FieldList:
                    await FieldListAsync(body, ct).ConfigureAwait(false);
                    break;
                case CommandKind.Statistics:
                    WriteStatistics();
                    break;
                case CommandKind.ProcessKill:
                    ProcessKill(body.Span);
                    break;
                case CommandKind.ResetConnection:
                    CloseAllStatements();
                    await Session.ResetAsync(ct).ConfigureAwait(false);
                    WriteOk();
                    break;
                case CommandKind.ChangeUser:
                    return await ChangeUserAsync(body, ct).ConfigureAwait(false);
                case CommandKind.SetOption:
                    SetOption(body.Span);
                    break;
                case CommandKind.StmtPrepare:
                    SetCommand("Prepare");
                    await PrepareAsync(body, ct).ConfigureAwait(false);
                    break;
                case CommandKind.StmtExecute:
                    SetCommand("Execute");
                    _server.CountQuestion();
                    await ExecuteAsync(body, ct).ConfigureAwait(false);
                    break;
                case CommandKind.StmtFetch:
                    SetCommand("Fetch");
                    await FetchAsync(body).ConfigureAwait(false);
                    break;
                case CommandKind.StmtSendLongData:
                    SendLongData(body.Span);
                    break;
                case CommandKind.StmtClose:
                    CloseStatement(body.Span);
                    break;
                case CommandKind.StmtReset:
                    ResetStatement(body.Span);
                    break;
                default:
                    // COM_SLEEP, COM_SHUTDOWN, replication and removed commands: mysqld answers 1047 too.
                    throw new MySqlErrorException(MySqlErrorCode.UnknownComError);
            }
        }
        catch (MySqlErrorException ex)
        {
            Results.WriteError(ErrorPayload.Create(ex));
            return !ex.ClosesConnection;
        }
        catch (MalformedPacketException)
        {
            Results.WriteError(ErrorPayload.Create(MySqlErrorCode.MalformedPacket));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            if (_killed)
            {
                Results.WriteError(ErrorPayload.Create(MySqlErrorCode.ConnectionKilled));
                return false;
            }
            Results.WriteError(ErrorPayload.Create(MySqlErrorCode.QueryInterrupted));
        }
        catch (Exception ex) when (ex is not (IOException or SocketException or ObjectDisposedException or OperationCanceledException))
        {
            // A bug in the SQL layer answers this client, logged, and leaves the server up.
            MySqlLog.SessionFailed(_server.Logger, Id, command.ToString(), ex);
            Results.WriteError(ErrorPayload.Create(MySqlErrorCode.InternalError, ex.Message));
        }
        return !_killed;
    }

    private void WriteOk()
    {
        new OkPayload(0, 0, _session?.Status ?? ServerStatus.Autocommit, 0).Write(_control);
        Channel.WritePacket(_control);
    }

    /// <summary>COM_FIELD_LIST: table NUL wildcard. Deprecated, but old clients still send it.</summary>
    private async ValueTask FieldListAsync(ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        string table;
        string? wildcard;
        {
            var reader = new PayloadReader(body.Span);
            table = PayloadReader.Utf8(reader.ReadNullTerminatedOrRest());
            var rest = reader.ReadRest();
            wildcard = rest.IsEmpty ? null : PayloadReader.Utf8(rest);
        }
        Results.Begin(Session, _capabilities, _collation, binary: false);
        await Session.FieldListAsync(table, wildcard, Results, ct).ConfigureAwait(false);
        if (!Results.HasResult) Results.WriteFieldList([]);
        Results.ReleaseBuffers();
    }

    /// <summary>COM_STATISTICS answers a bare human-readable string, not an OK packet.</summary>
    private void WriteStatistics()
    {
        var uptime = Math.Max(1, (long)_server.Uptime.TotalSeconds);
        var questions = _server.Questions;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Uptime: {uptime}  Threads: {_server.ConnectionCount}  Questions: {questions}  Slow queries: 0  Opens: 0  Flush tables: 0  Open tables: 0  Queries per second avg: {(double)questions / uptime:0.000}");
        _control.WriteUtf8(text);
        Channel.WritePacket(_control);
    }

    private void ProcessKill(ReadOnlySpan<byte> body)
    {
        var reader = new PayloadReader(body);
        var target = new MySqlConnectionId(reader.ReadUInt32());
        _server.Kill(target, queryOnly: false, Context!, Session.MayKillOtherUsers);
        if (target != Id) WriteOk();
    }

    /// <summary>COM_SET_OPTION toggles CLIENT_MULTI_STATEMENTS; mysqld answers with an EOF packet.</summary>
    private void SetOption(ReadOnlySpan<byte> body)
    {
        var reader = new PayloadReader(body);
        var option = reader.ReadUInt16();
        switch (option)
        {
            case 0:
                _capabilities |= CapabilityFlags.MultiStatements;
                Context!.MultiStatements = true;
                break;
            case 1:
                _capabilities &= ~CapabilityFlags.MultiStatements;
                Context!.MultiStatements = false;
                break;
            default:
                throw new MySqlErrorException(MySqlErrorCode.UnknownComError);
        }
        Results.Begin(Session, _capabilities, _collation, binary: false);
        Results.WriteEndOfRows(0, Session.Status);
        Results.ReleaseBuffers();
    }

    /// <summary>
    /// COM_CHANGE_USER: authenticate again (against the handshake's scramble, switching plugin if
    /// needed), then a fresh session. A failure closes the connection, as mysqld does.
    /// </summary>
    private async ValueTask<bool> ChangeUserAsync(ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        var request = ChangeUserPayload.Create(body.Span, _capabilities);
        CloseAllStatements();
        if (_session is { } old)
        {
            _session = null;
            await old.DisposeAsync().ConfigureAwait(false);
        }
        Context = null;
        if (request.Collation is { } collation and not 0) _collation = collation;
        var account = await AuthenticateAsync(request.User, request.AuthResponse, request.AuthPluginName).ConfigureAwait(false);
        if (account is null) return false;
        if (!await OpenSessionAsync(account, request.User, request.Database, request.Attributes, ct).ConfigureAwait(false)) return false;
        WriteOk();
        return true;
    }
}
