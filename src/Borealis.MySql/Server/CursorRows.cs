using Borealis.MySql.Protocol;

namespace Borealis.MySql.Server;

/// <summary>
/// The rows of a read-only cursor (COM_STMT_EXECUTE with CURSOR_TYPE_READ_ONLY), kept encoded
/// as binary-protocol row payloads in one growing buffer and handed out by COM_STMT_FETCH.
/// MySQL materializes such a cursor into a temporary table the same way.
/// </summary>
internal sealed class CursorRows : IDisposable
{
    private readonly PayloadWriter _rows = new();
    private int _readOffset;

    public IReadOnlyList<MySqlColumn>? Columns { get; set; }

    public int Count { get; private set; }

    public int Sent { get; private set; }

    public bool Exhausted => Sent >= Count;

    public void Add(ReadOnlySpan<byte> row)
    {
        _rows.WriteUInt32((uint)row.Length);
        _rows.WriteBytes(row);
        Count++;
    }

    public bool TryNext(out ReadOnlySpan<byte> row)
    {
        if (Exhausted)
        {
            row = default;
            return false;
        }
        var all = _rows.WrittenSpan;
        var length = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(all[_readOffset..]);
        row = all.Slice(_readOffset + 4, length);
        _readOffset += 4 + length;
        Sent++;
        return true;
    }

    public void Dispose() => _rows.Release();
}
