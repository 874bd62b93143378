using System.Buffers.Binary;
using System.Text;

namespace Borealis.Engine.Keys;

/// <summary>
/// Reads back the values of a key written by <see cref="KeyWriter"/>, in order. The caller
/// knows the types (the index definition does); <see cref="TryReadNull"/> comes first for a
/// column that may be NULL.
/// </summary>
public ref partial struct KeyReader
{
    private readonly ReadOnlySpan<byte> _key;
    private int _at;

    public KeyReader(ReadOnlySpan<byte> key)
    {
        _key = key;
        _at = 0;
    }

    public readonly bool End => _at >= _key.Length;

    /// <summary>True, consuming it, when the next value is NULL.</summary>
    public bool TryReadNull()
    {
        if (Peek() != KeyTag.Null) return false;
        _at++;
        return true;
    }

    public sbyte ReadSByte() => (sbyte)(Fixed(1)[0] ^ 0x80);
    public byte ReadByte() => Fixed(1)[0];
    public short ReadInt16() => (short)(BinaryPrimitives.ReadUInt16BigEndian(Fixed(2)) ^ 0x8000);
    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16BigEndian(Fixed(2));
    public int ReadInt32() => (int)(BinaryPrimitives.ReadUInt32BigEndian(Fixed(4)) ^ 0x8000_0000u);
    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(Fixed(4));
    public long ReadInt64() => (long)(BinaryPrimitives.ReadUInt64BigEndian(Fixed(8)) ^ 0x8000_0000_0000_0000ul);
    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64BigEndian(Fixed(8));

    public byte[] ReadBytes()
    {
        ExpectValue();
        var bytes = new List<byte>();
        while (true)
        {
            var b = Next();
            if (b != 0)
            {
                bytes.Add(b);
                continue;
            }
            var escape = Next();
            if (escape == 0x01) return [.. bytes];
            if (escape != 0xFF) throw Malformed("a 0x00 in a byte string is followed by neither 0xFF nor 0x01");
            bytes.Add(0);
        }
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadBytes());

    public decimal ReadDecimal()
    {
        var (negative, digits, exponent) = ReadDecimalDigits();
        if (digits.Length == 0) return 0m;
        var mantissa = UInt128.Zero;
        foreach (var d in digits) mantissa = mantissa * 10 + d;
        // value = 0.d1...dn × 10^exponent = mantissa × 10^(exponent - n)
        var shift = exponent - digits.Length;
        for (; shift > 0; shift--) mantissa *= 10;
        var scale = -shift;
        if (scale > 28 || mantissa >> 96 != 0) throw Malformed("decimal out of the range of System.Decimal");
        return new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), (int)(uint)(mantissa >> 64), negative, (byte)scale);
    }

    /// <summary>A decimal of any precision as ±0.d1...dn × 10^exponent (no digits for zero).</summary>
    public (bool Negative, byte[] Digits, int Exponent) ReadDecimalDigits()
    {
        ExpectValue();
        var sign = Next();
        if (sign == KeyWriter.DecimalZero) return (false, [], 0);
        if (sign is not (KeyWriter.DecimalNegative or KeyWriter.DecimalPositive)) throw Malformed($"decimal sign class {sign}");
        // Negative magnitudes are stored with every byte inverted.
        var invert = sign == KeyWriter.DecimalNegative ? (byte)0xFF : (byte)0;
        var exponent = (Next() ^ invert) - 128;
        var digits = new List<byte>();
        while (true)
        {
            var pair = Next() ^ invert;
            if (pair == 0) break;
            digits.Add((byte)((pair - 1) / 11));
            var second = (pair - 1) % 11;
            if (second != 0) digits.Add((byte)(second - 1));
        }
        return (invert != 0, [.. digits], exponent);
    }

    private ReadOnlySpan<byte> Fixed(int size)
    {
        ExpectValue();
        if (_at + size > _key.Length) throw Malformed("key ends inside a value");
        var span = _key.Slice(_at, size);
        _at += size;
        return span;
    }

    private void ExpectValue()
    {
        if (Next() != KeyTag.Value) throw Malformed("expected a value, found NULL or garbage");
    }

    private readonly byte Peek() => _at < _key.Length ? _key[_at] : throw Malformed("key ends before the value");

    private byte Next() => _at < _key.Length ? _key[_at++] : throw Malformed("key ends inside a value");

    private readonly InvalidDataException Malformed(string why) => new($"malformed key at byte {_at}: {why}");
}
