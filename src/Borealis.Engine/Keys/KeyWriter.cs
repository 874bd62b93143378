using System.Buffers.Binary;
using System.Text;

namespace Borealis.Engine.Keys;

/// <summary>
/// Builds a memcomparable key: a tuple of values whose encoding compares bytewise exactly as
/// the tuple compares value by value, so the B+tree never decodes a key to order it. Every
/// value starts with a tag byte (<see cref="KeyTag"/>) so that NULL sorts before any value of
/// its column and a shorter tuple before its extensions. Encodings:
/// <list type="bullet">
/// <item>integers: big-endian, sign bit flipped for signed types;</item>
/// <item>decimals: sign class, then exponent and base-100 digits (see <see cref="AppendDecimal"/>);</item>
/// <item>byte strings and UTF-8 strings: 0x00 escaped as 0x00 0xFF, ended by 0x00 0x01, so a
/// prefix sorts before its extensions; strings order by code point (a binary collation).</item>
/// </list>
/// </summary>
public sealed partial class KeyWriter
{
    private byte[] _buffer;
    private int _length;

    public KeyWriter(int capacity = 64) => _buffer = new byte[Math.Max(capacity, 16)];

    public int Length => _length;
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);
    public byte[] ToArray() => Written.ToArray();
    public void Clear() => _length = 0;

    public KeyWriter AppendNull()
    {
        Reserve(1)[0] = KeyTag.Null;
        return this;
    }

    public KeyWriter AppendSByte(sbyte value)
    {
        var span = ReserveTagged(1);
        span[0] = (byte)(value ^ sbyte.MinValue);
        return this;
    }

    public KeyWriter AppendByte(byte value)
    {
        var span = ReserveTagged(1);
        span[0] = value;
        return this;
    }

    public KeyWriter AppendInt16(short value)
    {
        var span = ReserveTagged(2);
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)(value ^ short.MinValue));
        return this;
    }

    public KeyWriter AppendUInt16(ushort value)
    {
        var span = ReserveTagged(2);
        BinaryPrimitives.WriteUInt16BigEndian(span, value);
        return this;
    }

    public KeyWriter AppendInt32(int value)
    {
        var span = ReserveTagged(4);
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)(value ^ int.MinValue));
        return this;
    }

    public KeyWriter AppendUInt32(uint value)
    {
        var span = ReserveTagged(4);
        BinaryPrimitives.WriteUInt32BigEndian(span, value);
        return this;
    }

    public KeyWriter AppendInt64(long value)
    {
        var span = ReserveTagged(8);
        BinaryPrimitives.WriteUInt64BigEndian(span, (ulong)(value ^ long.MinValue));
        return this;
    }

    public KeyWriter AppendUInt64(ulong value)
    {
        var span = ReserveTagged(8);
        BinaryPrimitives.WriteUInt64BigEndian(span, value);
        return this;
    }


    /// <summary>Raw bytes, escaped so that the encoding of a prefix sorts before its extensions.</summary>
    public KeyWriter AppendBytes(ReadOnlySpan<byte> value)
    {
        Reserve(1)[0] = KeyTag.Value;
        foreach (var b in value)
        {
            if (b == 0)
            {
                var escaped = Reserve(2);
                escaped[0] = 0x00;
                escaped[1] = 0xFF;
            }
            else Reserve(1)[0] = b;
        }
        var end = Reserve(2);
        end[0] = 0x00;
        end[1] = 0x01;
        return this;
    }

    /// <summary>A string in binary collation: its UTF-8 bytes, whose order is code-point order.</summary>
    public KeyWriter AppendString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var scratch = max <= 256 ? stackalloc byte[256] : new byte[max];
        var written = Encoding.UTF8.GetBytes(value, scratch);
        return AppendBytes(scratch[..written]);
    }

    /// <summary>
    /// An exact decimal. Equal values encode identically whatever their scale (1.5 = 1.50).
    /// After the tag: a sign class (0x01 negative, 0x02 zero, 0x03 positive); for non-zero
    /// values the magnitude written as 0.d1d2...dn × 10^e with no trailing zero digit: one byte
    /// e + 128, then the digits in pairs, each pair one byte 11·d1 + d2' + 1 where d2' is the
    /// second digit plus one or 0 when the count is odd, then a 0x00 terminator. A longer digit
    /// string whose prefix equals a shorter one is the larger magnitude, and the terminator
    /// (below every pair byte) says so. Negative magnitudes are written with every byte
    /// inverted, which reverses their order as it must.
    /// </summary>
    public KeyWriter AppendDecimal(decimal value)
    {
        Span<byte> digits = stackalloc byte[32];
        var count = DecimalDigits.Normalize(Math.Abs(value), digits, out var exponent);
        return AppendDecimal(value < 0, digits[..count], exponent);
    }

    /// <summary>
    /// An exact decimal of any precision (MySQL DECIMAL goes to 65 digits, beyond
    /// <see cref="decimal"/>): ±0.d1d2...dn × 10^<paramref name="exponent"/>, one digit (0-9) a
    /// byte. Leading and trailing zero digits are allowed and dropped; the value's exponent, once
    /// normalized, must lie in -127..127. Same encoding as <see cref="AppendDecimal(decimal)"/>.
    /// </summary>
    public KeyWriter AppendDecimal(bool negative, ReadOnlySpan<byte> digits, int exponent)
    {
        while (digits.Length > 0 && digits[0] == 0)
        {
            digits = digits[1..];
            exponent--;
        }
        while (digits.Length > 0 && digits[^1] == 0) digits = digits[..^1];
        Reserve(1)[0] = KeyTag.Value;
        if (digits.Length == 0)
        {
            Reserve(1)[0] = DecimalZero;
            return this;
        }
        if (exponent is < -127 or > 127) throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "a decimal key's exponent lies in -127..127");
        Reserve(1)[0] = negative ? DecimalNegative : DecimalPositive;
        var start = _length;
        Reserve(1)[0] = (byte)(exponent + 128);
        for (var i = 0; i < digits.Length; i += 2)
        {
            if (digits[i] > 9 || (i + 1 < digits.Length && digits[i + 1] > 9)) throw new ArgumentException("decimal digits are 0 to 9", nameof(digits));
            var second = i + 1 < digits.Length ? digits[i + 1] + 1 : 0;
            Reserve(1)[0] = (byte)(11 * digits[i] + second + 1);
        }
        Reserve(1)[0] = 0x00;
        if (negative)
            foreach (ref var b in _buffer.AsSpan(start, _length - start)) b = (byte)~b;
        return this;
    }

    internal const byte DecimalNegative = 0x01;
    internal const byte DecimalZero = 0x02;
    internal const byte DecimalPositive = 0x03;

    /// <summary>Writes the value tag and returns room for a fixed-size value after it.</summary>
    private Span<byte> ReserveTagged(int size)
    {
        var span = Reserve(1 + size);
        span[0] = KeyTag.Value;
        return span[1..];
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
