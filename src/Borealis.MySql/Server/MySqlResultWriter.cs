using Borealis.MySql.Protocol;
using Borealis.MySql.Protocol.Payloads;
using Borealis.MySql.Server;

namespace Borealis.MySql;

/// <summary>
/// Streams the results of one command to the client: result sets (column definitions, then rows
/// encoded from primitives straight into a reused payload buffer and framed into the socket
/// pipe), OK packets, and errors. Text rows for COM_QUERY, binary rows for COM_STMT_EXECUTE.
/// A sealed class rather than an interface so the per-value calls are direct, not virtual.
/// <para>
/// Multi-results: the terminator of a result (OK or EOF) is held back until the next result
/// starts or the command ends, so SERVER_MORE_RESULTS_EXISTS is set exactly on all but the last.
/// https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_command_phase_sp.html#sect_protocol_command_phase_sp_multi_resultset
/// </para>
/// </summary>
public sealed partial class MySqlResultWriter
{
    private enum State : byte { Idle, InResultSet, InRow }

    private enum Pending : byte { None, Ok, EndOfRows }

    private readonly PacketChannel _channel;
    private readonly PayloadWriter _row = new();
    private readonly PayloadWriter _control = new();
    private IMySqlSession? _session;
    private CapabilityFlags _capabilities;
    private ushort _collation;
    private bool _binary;
    private State _state;
    private IReadOnlyList<MySqlColumn> _columns = [];
    private int _column;
    private int _nullBitmapOffset;
    private bool _anyResult;

    // The held-back terminator of the previous result.
    private Pending _pending;
    private ulong _pendingAffected;
    private ulong _pendingInsertId;
    private ushort _pendingWarnings;
    private string? _pendingInfo;

    // COM_STMT_EXECUTE with a read-only cursor: rows are kept for COM_STMT_FETCH.
    private CursorRows? _capture;

    internal MySqlResultWriter(PacketChannel channel) => _channel = channel;

    /// <summary>True while rows are written in the binary protocol (COM_STMT_EXECUTE).</summary>
    public bool IsBinary => _binary;

    /// <summary>Whether the client asked for CLIENT_FOUND_ROWS, CLIENT_MULTI_RESULTS and so on.</summary>
    public CapabilityFlags Capabilities => _capabilities;

    internal bool HasResult => _anyResult || _pending != Pending.None;

    internal void Begin(IMySqlSession session, CapabilityFlags capabilities, ushort collation, bool binary, CursorRows? capture = null)
    {
        _session = session;
        _capabilities = capabilities;
        _collation = collation;
        _binary = binary;
        _state = State.Idle;
        _pending = Pending.None;
        _pendingInfo = null;
        _anyResult = false;
        _capture = capture;
        _columns = [];
    }

    private bool DeprecateEof => (_capabilities & CapabilityFlags.DeprecateEof) != 0;

    private ServerStatus SessionStatus => _session?.Status ?? ServerStatus.Autocommit;

    /// <summary>Starts a result set: sends the column count and definitions.</summary>
    public void StartResultSet(IReadOnlyList<MySqlColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (_state != State.Idle) throw new InvalidOperationException("A result set is already open.");
        if (columns.Count == 0) throw new ArgumentException("A result set needs at least one column.", nameof(columns));
        FlushPending(more: true);
        _anyResult = true;
        _columns = columns;
        _control.WriteLengthEncodedInteger((ulong)columns.Count);
        _channel.WritePacket(_control);
        for (var i = 0; i < columns.Count; i++)
        {
            new ColumnDefinitionPayload(columns[i], _collation).Write(_control);
            _channel.WritePacket(_control);
        }
        if (_capture is not null)
        {
            // A cursor: metadata, then a terminator saying the cursor exists; rows wait for COM_STMT_FETCH.
            _capture.Columns = columns;
        }
        else if (!DeprecateEof)
        {
            new EofPayload(0, SessionStatus).Write(_control);
            _channel.WritePacket(_control);
        }
        _state = State.InResultSet;
    }

    /// <summary>Ends the open result set; the terminator is sent when the next result starts or the command ends.</summary>
    public void EndResultSet(ushort warnings = 0)
    {
        if (_state != State.InResultSet) throw new InvalidOperationException("No result set is open (or a row is unfinished).");
        _state = State.Idle;
        _pending = Pending.EndOfRows;
        _pendingWarnings = warnings;
        _pendingAffected = 0;
        _pendingInsertId = 0;
        _pendingInfo = null;
    }

    /// <summary>The result of a statement without rows (INSERT, SET, ...).</summary>
    public void WriteOk(ulong affectedRows = 0, ulong lastInsertId = 0, ushort warnings = 0, string? info = null)
    {
        if (_state != State.Idle) throw new InvalidOperationException("A result set is open.");
        FlushPending(more: true);
        _anyResult = true;
        _pending = Pending.Ok;
        _pendingAffected = affectedRows;
        _pendingInsertId = lastInsertId;
        _pendingWarnings = warnings;
        _pendingInfo = info;
    }

    /// <summary>COM_FIELD_LIST's answer: column definitions with default values, then a terminator.</summary>
    public void WriteFieldList(IReadOnlyList<MySqlColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        foreach (var column in columns)
        {
            new ColumnDefinitionPayload(column, _collation, withDefault: true).Write(_control);
            _channel.WritePacket(_control);
        }
        WriteEndOfRows(0, SessionStatus);
        _anyResult = true;
    }

    /// <summary>
    /// Ends the command: sends the held-back terminator (without MORE_RESULTS), or an OK when the
    /// session wrote nothing.
    /// </summary>
    internal void Finish()
    {
        if (_state != State.Idle)
        {
            // The session returned inside a result set: close it for it rather than desynchronize the client.
            _state = State.InResultSet;
            EndResultSet();
        }
        if (!_anyResult && _pending == Pending.None) WriteOk();
        FlushPending(more: false);
        ReleaseBuffers();
    }

    /// <summary>Answers with an error: a half-sent result set is cut short; earlier results get MORE_RESULTS.</summary>
    internal void WriteError(ErrorPayload error)
    {
        if (_state != State.Idle)
        {
            // Rows already sent stay sent; the ERR packet replaces the rest and the terminator.
            _state = State.Idle;
            _row.Clear();
        }
        else
        {
            FlushPending(more: true);
        }
        _pending = Pending.None;
        _anyResult = true;
        error.Write(_control);
        _channel.WritePacket(_control);
        ReleaseBuffers();
    }

    internal void ReleaseBuffers()
    {
        _row.Release();
        _control.Release();
        _columns = [];
        _session = null;
        _capture = null;
    }

    private void FlushPending(bool more)
    {
        if (_pending == Pending.None) return;
        var status = SessionStatus;
        if (more) status |= ServerStatus.MoreResultsExist;
        if (_pending == Pending.Ok)
        {
            new OkPayload(_pendingAffected, _pendingInsertId, status, _pendingWarnings, _pendingInfo).Write(_control);
            _channel.WritePacket(_control);
        }
        else
        {
            if (_capture is not null) status |= ServerStatus.CursorExists;
            WriteEndOfRows(_pendingWarnings, status);
        }
        _pending = Pending.None;
        _pendingInfo = null;
    }

    /// <summary>EOF packet, or with CLIENT_DEPRECATE_EOF an OK packet with the 0xFE header.</summary>
    internal void WriteEndOfRows(ushort warnings, ServerStatus status)
    {
        if (DeprecateEof) new OkPayload(0, 0, status, warnings, isEof: true).Write(_control);
        else new EofPayload(warnings, status).Write(_control);
        _channel.WritePacket(_control);
    }

    /// <summary>Starts a row; write exactly one value per column, then <see cref="EndRowAsync"/>.</summary>
    public void StartRow()
    {
        if (_state != State.InResultSet) throw new InvalidOperationException("No result set is open.");
        _state = State.InRow;
        _column = 0;
        _row.Clear();
        if (_binary)
        {
            // Binary row: 0x00 header, then a NULL bitmap with a 2-bit offset, patched as NULLs are written.
            _row.WriteByte(0);
            _nullBitmapOffset = _row.Length;
            _row.WriteZeros((_columns.Count + 7 + 2) / 8);
        }
    }

    /// <summary>Sends the row; flushes to the socket (waiting on a slow client) once enough is buffered.</summary>
    public ValueTask EndRowAsync()
    {
        if (_state != State.InRow) throw new InvalidOperationException("No row is open.");
        if (_column != _columns.Count) throw new InvalidOperationException($"The row has {_column} values for {_columns.Count} columns.");
        _state = State.InResultSet;
        if (_capture is not null)
        {
            _capture.Add(_row.WrittenSpan);
            _row.Clear();
            return default;
        }
        _channel.WritePacket(_row);
        return _channel.ShouldFlush ? _channel.FlushAsync() : default;
    }

    private MySqlColumn NextColumn()
    {
        if (_state != State.InRow) throw new InvalidOperationException("No row is open.");
        if (_column >= _columns.Count) throw new InvalidOperationException("More values than columns.");
        return _columns[_column++];
    }
}
