using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Borealis.Engine.Rows;

/// <summary>
/// DECIMAL(p, s) in a row: the unscaled integer (value × 10^s) in two's complement,
/// little-endian, 8 bytes for p ≤ 18, 16 for p ≤ 38, <see cref="WideSize"/> up to 65 digits.
/// Values up to 38 digits go through Int128 without allocating.
/// </summary>
internal static class DecimalStorage
{
    /// <summary>10^65 &lt; 2^216: 27 bytes and a sign bit, rounded to 28.</summary>
    public const int WideSize = 28;

    public static void Write(ColumnType type, ColumnValue value, Span<byte> destination)
    {
        var scale = type.Scale;
        if (type.Length <= 38 && value.Tag == ValueTag.Decimal)
        {
            var unscaled = Unscaled(value.AsDecimal(), scale);
            CheckRange(Int128.Abs(unscaled) < Pow10(type.Length), value, type);
            if (type.Length <= 18) BinaryPrimitives.WriteInt64LittleEndian(destination, (long)unscaled);
            else BinaryPrimitives.WriteInt128LittleEndian(destination, unscaled);
            return;
        }
        var big = value.Tag switch
        {
            ValueTag.Decimal => (BigInteger)Unscaled(value.AsDecimal(), scale),
            ValueTag.DecimalText => ParseText(value.AsBytes().Span, scale),
            _ => throw new ArgumentException($"a DECIMAL column takes Decimal or DecimalText values, not {value.Tag}"),
        };
        CheckRange(BigInteger.Abs(big) < BigInteger.Pow(10, (int)type.Length), value, type);
        if (type.Length <= 18) BinaryPrimitives.WriteInt64LittleEndian(destination, (long)big);
        else if (type.Length <= 38) BinaryPrimitives.WriteInt128LittleEndian(destination, (Int128)big);
        else
        {
            destination[..WideSize].Fill(big.Sign < 0 ? (byte)0xFF : (byte)0);
            if (!big.TryWriteBytes(destination[..WideSize], out _, isUnsigned: false, isBigEndian: false))
                throw new ArgumentException($"{value} does not fit DECIMAL({type.Length},{type.Scale})");
        }
    }

    public static ColumnValue Read(ColumnType type, ReadOnlySpan<byte> stored)
    {
        if (type.Length <= 38)
        {
            var unscaled = type.Length <= 18 ? BinaryPrimitives.ReadInt64LittleEndian(stored) : BinaryPrimitives.ReadInt128LittleEndian(stored);
            var magnitude = (UInt128)Int128.Abs(unscaled);
            if (type.Scale <= 28 && magnitude >> 96 == 0)
                return ColumnValue.FromDecimal(new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), unscaled < 0, (byte)type.Scale));
            return Text((BigInteger)unscaled, type.Scale);
        }
        return Text(new BigInteger(stored[..WideSize], isUnsigned: false, isBigEndian: false), type.Scale);
    }

    /// <summary><paramref name="value"/> × 10^<paramref name="scale"/>, which must be an integer.</summary>
    private static Int128 Unscaled(decimal value, int scale)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var ownScale = (bits[3] >> 16) & 0xFF;
        var mantissa = (Int128)new UInt128((uint)bits[2], ((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
        if (ownScale > scale)
        {
            var divisor = Pow10(ownScale - scale);
            if (mantissa % divisor != 0) throw new ArgumentException($"{value} has more than {scale} digits after the point");
            mantissa /= divisor;
        }
        else if (ownScale < scale)
        {
            var factor = Pow10(scale - ownScale);
            // Beyond 38 digits the caller's range check fails anyway; saturate instead of overflowing.
            mantissa = mantissa > Int128.MaxValue / factor ? Int128.MaxValue : mantissa * factor;
        }
        return bits[3] < 0 ? -mantissa : mantissa;
    }

    private static Int128 Pow10(long exponent)
    {
        Int128 result = 1;
        for (var i = 0; i < exponent && i < 38; i++) result *= 10;
        return exponent > 38 ? Int128.MaxValue : result;
    }

    private static BigInteger ParseText(ReadOnlySpan<byte> ascii, int scale)
    {
        var negative = ascii.Length > 0 && ascii[0] == '-';
        if (negative) ascii = ascii[1..];
        var point = ascii.IndexOf((byte)'.');
        var whole = point < 0 ? ascii : ascii[..point];
        var fraction = point < 0 ? [] : ascii[(point + 1)..];
        while (fraction.Length > scale && fraction[^1] == '0') fraction = fraction[..^1];
        if (fraction.Length > scale) throw new ArgumentException($"{Encoding.ASCII.GetString(ascii)} has more than {scale} digits after the point");
        Span<char> digits = stackalloc char[whole.Length + scale + 1];
        digits[0] = '0';
        for (var i = 0; i < whole.Length; i++) digits[1 + i] = (char)whole[i];
        for (var i = 0; i < scale; i++) digits[1 + whole.Length + i] = i < fraction.Length ? (char)fraction[i] : '0';
        foreach (var c in digits)
            if (c is < '0' or > '9') throw new ArgumentException($"'{Encoding.ASCII.GetString(ascii)}' is not a decimal");
        var value = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        return negative ? -value : value;
    }

    private static ColumnValue Text(BigInteger unscaled, int scale)
    {
        var digits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
        var text = (unscaled.Sign < 0 ? "-" : "") + (scale == 0 ? digits : digits[..^scale] + "." + digits[^scale..]);
        return ColumnValue.FromDecimalText(Encoding.ASCII.GetBytes(text));
    }

    private static void CheckRange(bool inRange, ColumnValue value, ColumnType type)
    {
        if (!inRange) throw new ArgumentException($"{value} does not fit DECIMAL({type.Length},{type.Scale})");
    }
}
