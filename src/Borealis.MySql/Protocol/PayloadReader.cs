using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Borealis.MySql.Protocol;

/// <summary>Thrown when a packet from the client does not parse; answered with ER_MALFORMED_PACKET or a closed connection.</summary>
public sealed class MalformedPacketException : Exception
{
    public MalformedPacketException() : base("Malformed communication packet.") { }

    public MalformedPacketException(string message) : base(message) { }

    public MalformedPacketException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>
/// Reads the primitive encodings of a client payload; every read past the end throws
/// <see cref="MalformedPacketException"/> so no client input can index out of range.
/// </summary>
public ref struct PayloadReader
{
    private readonly ReadOnlySpan<byte> _payload;
    private int _offset;

    public PayloadReader(ReadOnlySpan<byte> payload)
    {
        _payload = payload;
        _offset = 0;
    }

    public readonly int Offset => _offset;

    public readonly int Remaining => _payload.Length - _offset;

    public readonly bool IsAtEnd => _offset >= _payload.Length;

    public byte ReadByte()
    {
        Need(1);
        return _payload[_offset++];
    }

    public ushort ReadUInt16()
    {
        Need(2);
        var value = BinaryPrimitives.ReadUInt16LittleEndian(_payload[_offset..]);
        _offset += 2;
        return value;
    }

    public uint ReadUInt24()
    {
        Need(3);
        var value = (uint)(_payload[_offset] | (_payload[_offset + 1] << 8) | (_payload[_offset + 2] << 16));
        _offset += 3;
        return value;
    }

    public uint ReadUInt32()
    {
        Need(4);
        var value = BinaryPrimitives.ReadUInt32LittleEndian(_payload[_offset..]);
        _offset += 4;
        return value;
    }

    public ulong ReadUInt64()
    {
        Need(8);
        var value = BinaryPrimitives.ReadUInt64LittleEndian(_payload[_offset..]);
        _offset += 8;
        return value;
    }

    public ulong ReadLengthEncodedInteger()
    {
        var first = ReadByte();
        return first switch
        {
            < 0xFB => first,
            0xFC => ReadUInt16(),
            0xFD => ReadUInt24(),
            0xFE => ReadUInt64(),
            _ => throw Malformed(),
        };
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0) throw Malformed();
        Need(count);
        var value = _payload.Slice(_offset, count);
        _offset += count;
        return value;
    }

    public ReadOnlySpan<byte> ReadLengthEncodedBytes()
    {
        var length = ReadLengthEncodedInteger();
        if (length > (ulong)Remaining) throw Malformed();
        return ReadBytes((int)length);
    }

    public ReadOnlySpan<byte> ReadNullTerminatedBytes()
    {
        var end = _payload[_offset..].IndexOf((byte)0);
        if (end < 0) throw Malformed();
        var value = _payload.Slice(_offset, end);
        _offset += end + 1;
        return value;
    }

    /// <summary>A NUL-terminated string, or the rest of the payload when the terminator is missing (as some clients send the last field).</summary>
    public ReadOnlySpan<byte> ReadNullTerminatedOrRest()
    {
        var rest = _payload[_offset..];
        var end = rest.IndexOf((byte)0);
        if (end < 0)
        {
            _offset = _payload.Length;
            return rest;
        }
        _offset += end + 1;
        return rest[..end];
    }

    public ReadOnlySpan<byte> ReadRest()
    {
        var value = _payload[_offset..];
        _offset = _payload.Length;
        return value;
    }

    public void Skip(int count)
    {
        Need(count);
        _offset += count;
    }

    public static string Utf8(ReadOnlySpan<byte> value) => Encoding.UTF8.GetString(value);

    private readonly void Need(int count)
    {
        if (_payload.Length - _offset < count) ThrowMalformed();
    }

    [DoesNotReturn]
    private static void ThrowMalformed() => throw Malformed();

    private static MalformedPacketException Malformed() => new();
}
