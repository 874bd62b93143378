using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Borealis.MySql.Protocol;

/// <summary>
/// Builds one packet payload in a pooled array that grows on demand and is reused for the next
/// payload (so writing a row allocates nothing once the array is big enough). The primitive
/// encodings are those of https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_data_types.html
/// </summary>
public sealed class PayloadWriter : IBufferWriter<byte>, IDisposable
{
    // A payload that grew past this (a large row) gives its array back instead of keeping it.
    private const int KeepCapacity = 1 << 20;
    private byte[] _buffer = [];
    private int _length;

    public int Length => _length;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    public Span<byte> WrittenSpanForPatching => _buffer.AsSpan(0, _length);

    public void Clear() => _length = 0;

    /// <summary>Returns the array to the pool when idle so an idle connection holds no buffer.</summary>
    public void Release()
    {
        _length = 0;
        if (_buffer.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    /// <summary>Releases only an oversized array (after a large row).</summary>
    public void Trim()
    {
        if (_buffer.Length > KeepCapacity) Release();
    }

    public void Dispose() => Release();

    public void Advance(int count) => _length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _buffer.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _buffer.AsSpan(_length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int count)
    {
        if (_buffer.Length - _length < count) Grow(count);
    }

    private void Grow(int count)
    {
        var size = Math.Max(Math.Max(256, _buffer.Length * 2), checked(_length + count));
        var next = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _length).CopyTo(next);
        if (_buffer.Length != 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = next;
    }

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    public void WriteUInt16(ushort value)
    {
        Ensure(2);
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(_length), value);
        _length += 2;
    }

    public void WriteUInt24(uint value)
    {
        Ensure(3);
        _buffer[_length] = (byte)value;
        _buffer[_length + 1] = (byte)(value >> 8);
        _buffer[_length + 2] = (byte)(value >> 16);
        _length += 3;
    }

    public void WriteUInt32(uint value)
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    public void WriteUInt64(ulong value)
    {
        Ensure(8);
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    public void WriteZeros(int count)
    {
        Ensure(count);
        _buffer.AsSpan(_length, count).Clear();
        _length += count;
    }

    /// <summary>Length-encoded integer: 1, 3, 4 or 9 bytes (0xFB is NULL, 0xFF an error, so both are escaped).</summary>
    public void WriteLengthEncodedInteger(ulong value)
    {
        if (value < 251)
        {
            WriteByte((byte)value);
        }
        else if (value < 1 << 16)
        {
            WriteByte(0xFC);
            WriteUInt16((ushort)value);
        }
        else if (value < 1 << 24)
        {
            WriteByte(0xFD);
            WriteUInt24((uint)value);
        }
        else
        {
            WriteByte(0xFE);
            WriteUInt64(value);
        }
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        Ensure(value.Length);
        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
    }

    public void WriteLengthEncodedString(ReadOnlySpan<byte> value)
    {
        WriteLengthEncodedInteger((ulong)value.Length);
        WriteBytes(value);
    }

    public void WriteLengthEncodedString(ReadOnlySpan<char> value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        WriteLengthEncodedInteger((ulong)count);
        WriteUtf8(value);
    }

    public void WriteUtf8(ReadOnlySpan<char> value)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(value.Length));
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    public void WriteNullTerminatedString(ReadOnlySpan<char> value)
    {
        WriteUtf8(value);
        WriteByte(0);
    }

    public void WriteNullTerminatedString(ReadOnlySpan<byte> value)
    {
        WriteBytes(value);
        WriteByte(0);
    }
}
