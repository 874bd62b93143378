using Borealis.MySql.Protocol;
using Borealis.MySql.Protocol.Payloads;

namespace Borealis.MySql.Server;

// Server-side prepared statements: COM_STMT_PREPARE / EXECUTE / FETCH / SEND_LONG_DATA / RESET / CLOSE.
// https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_command_phase_ps.html
internal sealed partial class MySqlConnection
{
    private const byte CursorTypeReadOnly = 1;

    private Dictionary<uint, PreparedStatement>? _statements;
    private uint _lastStatementId;

    /// <summary>The protocol's state of one statement: bound types, long data, an open cursor.</summary>
    private sealed class PreparedStatement(uint id, MySqlStatement statement)
    {
        public uint Id { get; } = id;
        public MySqlStatement Statement { get; } = statement;
        public int ParameterCount => Statement.Parameters.Count;
        public ColumnType[] Types { get; } = new ColumnType[statement.Parameters.Count];
        public bool[] Unsigned { get; } = new bool[statement.Parameters.Count];
        public bool TypesBound { get; set; }
        public MySqlParameterValue[] Values { get; } = new MySqlParameterValue[statement.Parameters.Count];
        public PayloadWriter?[]? LongData { get; set; }
        public bool LongDataError { get; set; }
        public CursorRows? Cursor { get; set; }

        public void ResetLongData()
        {
            LongDataError = false;
            if (LongData is null) return;
            foreach (var data in LongData) data?.Release();
            LongData = null;
        }

        public void CloseCursor()
        {
            Cursor?.Dispose();
            Cursor = null;
        }
    }

    private async ValueTask PrepareAsync(ReadOnlyMemory<byte> sql, CancellationToken ct)
    {
        var statement = await Session.PrepareAsync(sql, ct).ConfigureAwait(false);
        if (statement.Parameters.Count > ushort.MaxValue || statement.Columns.Count > ushort.MaxValue)
        {
            Session.CloseStatement(statement);
            throw new MySqlErrorException(MySqlErrorCode.NotSupportedYet, "more than 65535 parameters or columns in a prepared statement");
        }
        var id = ++_lastStatementId;
        (_statements ??= [])[id] = new PreparedStatement(id, statement);
        new StmtPrepareOkPayload(id, (ushort)statement.Columns.Count, (ushort)statement.Parameters.Count, statement.Warnings).Write(_control);
        Channel.WritePacket(_control);
        WriteDefinitions(statement.Parameters);
        WriteDefinitions(statement.Columns);
    }

    private void WriteDefinitions(IReadOnlyList<MySqlColumn> columns)
    {
        if (columns.Count == 0) return;
        foreach (var column in columns)
        {
            new ColumnDefinitionPayload(column, _collation).Write(_control);
            Channel.WritePacket(_control);
        }
        if ((_capabilities & CapabilityFlags.DeprecateEof) == 0)
        {
            new EofPayload(0, Session.Status).Write(_control);
            Channel.WritePacket(_control);
        }
    }

    private PreparedStatement Find(uint id, string command) =>
        _statements is not null && _statements.TryGetValue(id, out var statement)
            ? statement
            : throw new MySqlErrorException(MySqlErrorCode.UnknownStatementHandler, id.ToString(System.Globalization.CultureInfo.InvariantCulture), command);

    private async ValueTask ExecuteAsync(ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        var statement = DecodeExecute(body, out var flags);
        statement.CloseCursor();
        // A read-only cursor is opened only for statements that return rows, as mysqld does.
        var cursor = (flags & CursorTypeReadOnly) != 0 && statement.Statement.Columns.Count > 0 ? new CursorRows() : null;
        try
        {
            Results.Begin(Session, _capabilities, _collation, binary: true, cursor);
            await Session.ExecuteAsync(statement.Statement, statement.Values.AsMemory(0, statement.ParameterCount), Results, ct).ConfigureAwait(false);
            Results.Finish();
            if (cursor?.Columns is not null)
            {
                statement.Cursor = cursor;
                cursor = null;
            }
        }
        finally
        {
            cursor?.Dispose();
            statement.ResetLongData();
            Array.Clear(statement.Values);
        }
    }

    /// <summary>
    /// COM_STMT_EXECUTE: id, flags, iteration count (always 1), then for statements with
    /// parameters a NULL bitmap, new-params-bound flag, the types when bound, and the values
    /// (parameters sent with COM_STMT_SEND_LONG_DATA are not repeated).
    /// </summary>
    private PreparedStatement DecodeExecute(ReadOnlyMemory<byte> body, out byte flags)
    {
        var reader = new PayloadReader(body.Span);
        var statement = Find(reader.ReadUInt32(), "mysqld_stmt_execute");
        flags = reader.ReadByte();
        reader.ReadUInt32();
        if (statement.LongDataError) throw new MySqlErrorException(MySqlErrorCode.WrongArguments, "mysqld_stmt_send_long_data");
        var count = statement.ParameterCount;
        if (count == 0) return statement;
        var nulls = reader.ReadBytes((count + 7) / 8);
        if (reader.ReadByte() == 1)
        {
            for (var i = 0; i < count; i++)
            {
                statement.Types[i] = (ColumnType)reader.ReadByte();
                statement.Unsigned[i] = (reader.ReadByte() & 0x80) != 0;
            }
            statement.TypesBound = true;
        }
        else if (!statement.TypesBound)
        {
            // The first execute must send the types; later ones may omit them to reuse the last.
            throw new MalformedPacketException("parameter types never sent");
        }
        for (var i = 0; i < count; i++)
        {
            var type = statement.Types[i];
            if ((nulls[i / 8] & (1 << (i % 8))) != 0)
                statement.Values[i] = MySqlParameterValue.Null(type);
            else if (statement.LongData?[i] is { } data)
                statement.Values[i] = MySqlParameterValue.FromBytes(type, statement.Unsigned[i], data.WrittenMemory);
            else
                statement.Values[i] = MySqlParameterValue.Read(ref reader, type, statement.Unsigned[i], body);
        }
        return statement;
    }

    /// <summary>COM_STMT_FETCH: the next rows of the cursor, then EOF with CURSOR_EXISTS (and LAST_ROW_SENT at the end).</summary>
    private async ValueTask FetchAsync(ReadOnlyMemory<byte> body)
    {
        var (statement, rows) = DecodeFetch(body.Span);
        var cursor = statement.Cursor ?? throw new MySqlErrorException(MySqlErrorCode.StatementHasNoOpenCursor, statement.Id);
        for (uint i = 0; i < rows && SendNextRow(cursor); i++)
        {
            if (Channel.ShouldFlush) await Channel.FlushAsync().ConfigureAwait(false);
        }
        var status = Session.Status | ServerStatus.CursorExists;
        if (cursor.Exhausted)
        {
            status |= ServerStatus.LastRowSent;
            statement.CloseCursor();
        }
        Results.Begin(Session, _capabilities, _collation, binary: true);
        Results.WriteEndOfRows(0, status);
        Results.ReleaseBuffers();
    }

    private bool SendNextRow(CursorRows cursor)
    {
        if (!cursor.TryNext(out var row)) return false;
        Channel.WritePacket(row);
        return true;
    }

    private (PreparedStatement Statement, uint Rows) DecodeFetch(ReadOnlySpan<byte> body)
    {
        var reader = new PayloadReader(body);
        var statement = Find(reader.ReadUInt32(), "mysqld_stmt_fetch");
        return (statement, reader.ReadUInt32());
    }

    /// <summary>COM_STMT_SEND_LONG_DATA appends to one parameter; it has no response, so errors surface at execute.</summary>
    private void SendLongData(ReadOnlySpan<byte> body)
    {
        if (body.Length < 6) return;
        var reader = new PayloadReader(body);
        var id = reader.ReadUInt32();
        var parameter = reader.ReadUInt16();
        if (_statements is null || !_statements.TryGetValue(id, out var statement)) return;
        if (parameter >= statement.ParameterCount)
        {
            statement.LongDataError = true;
            return;
        }
        statement.LongData ??= new PayloadWriter?[statement.ParameterCount];
        (statement.LongData[parameter] ??= new PayloadWriter()).WriteBytes(reader.ReadRest());
    }

    private void ResetStatement(ReadOnlySpan<byte> body)
    {
        var reader = new PayloadReader(body);
        var statement = Find(reader.ReadUInt32(), "mysqld_stmt_reset");
        statement.ResetLongData();
        statement.CloseCursor();
        WriteOk();
    }

    /// <summary>COM_STMT_CLOSE has no response, not even for an unknown id.</summary>
    private void CloseStatement(ReadOnlySpan<byte> body)
    {
        if (body.Length < 4 || _statements is null) return;
        var id = new PayloadReader(body).ReadUInt32();
        if (!_statements.Remove(id, out var statement)) return;
        statement.ResetLongData();
        statement.CloseCursor();
        Session.CloseStatement(statement.Statement);
    }

    private void CloseAllStatements()
    {
        if (_statements is null) return;
        foreach (var statement in _statements.Values)
        {
            statement.ResetLongData();
            statement.CloseCursor();
            _session?.CloseStatement(statement.Statement);
        }
        _statements = null;
    }
}
