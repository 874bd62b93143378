using System.Text;
using Borealis.Common;

namespace Borealis.Engine.Rows;

/// <summary>
/// One column value, unboxed: a tag and either 16 bytes of scalar or a slice of bytes. What a
/// value of each <see cref="ColumnKind"/> looks like is on <see cref="ValueTag"/>. A value
/// read from a row slices the row's memory (no copy), so it lives as long as the row buffer.
/// </summary>
public readonly struct ColumnValue : IEquatable<ColumnValue>
{
    private readonly long _low;
    private readonly long _high;
    private readonly ReadOnlyMemory<byte> _bytes;

    private ColumnValue(ValueTag tag, long low, long high, ReadOnlyMemory<byte> bytes)
    {
        Tag = tag;
        _low = low;
        _high = high;
        _bytes = bytes;
    }

    public ValueTag Tag { get; }
    public bool IsNull => Tag == ValueTag.Null;

    public static ColumnValue Null => default;
    public static ColumnValue FromInt64(long value) => new(ValueTag.Int64, value, 0, default);
    public static ColumnValue FromUInt64(ulong value) => new(ValueTag.UInt64, (long)value, 0, default);
    public static ColumnValue FromDouble(double value) => new(ValueTag.Double, BitConverter.DoubleToInt64Bits(value), 0, default);
    public static ColumnValue FromBytes(ReadOnlyMemory<byte> value) => new(ValueTag.Bytes, 0, 0, value);
    /// <summary>Convenience for tests and callers with a string in hand: allocates its UTF-8.</summary>
    public static ColumnValue FromString(string value) => FromBytes(Encoding.UTF8.GetBytes(value));
    public static ColumnValue FromOverflow(OverflowRef chain) => new(ValueTag.Overflow, (long)chain.First.Value, chain.Length, default);

    public static ColumnValue FromDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        return new(ValueTag.Decimal, (long)(((ulong)(uint)bits[1] << 32) | (uint)bits[0]), (long)(((ulong)(uint)bits[3] << 32) | (uint)bits[2]), default);
    }

    /// <summary>A decimal of up to 65 digits as ASCII text: optional '-', digits, optional '.' and digits.</summary>
    public static ColumnValue FromDecimalText(ReadOnlyMemory<byte> ascii) => new(ValueTag.DecimalText, 0, 0, ascii);

    public long AsInt64() => Tag == ValueTag.Int64 ? _low : throw WrongTag(ValueTag.Int64);
    public ulong AsUInt64() => Tag == ValueTag.UInt64 ? (ulong)_low : throw WrongTag(ValueTag.UInt64);
    public double AsDouble() => Tag == ValueTag.Double ? BitConverter.Int64BitsToDouble(_low) : throw WrongTag(ValueTag.Double);

    public decimal AsDecimal()
    {
        if (Tag != ValueTag.Decimal) throw WrongTag(ValueTag.Decimal);
        var flags = (int)((ulong)_high >> 32);
        return new decimal((int)_low, (int)((ulong)_low >> 32), (int)_high, flags < 0, (byte)(flags >> 16));
    }

    /// <summary>The bytes of a Bytes or DecimalText value.</summary>
    public ReadOnlyMemory<byte> AsBytes() => Tag is ValueTag.Bytes or ValueTag.DecimalText ? _bytes : throw WrongTag(ValueTag.Bytes);

    public OverflowRef AsOverflow() => Tag == ValueTag.Overflow ? new OverflowRef(new PageId((ulong)_low), _high) : throw WrongTag(ValueTag.Overflow);

    /// <summary>Same tag and same content (bytes compared by value; decimals by numeric value).</summary>
    public bool Equals(ColumnValue other) => Tag == other.Tag && Tag switch
    {
        ValueTag.Null => true,
        ValueTag.Decimal => AsDecimal() == other.AsDecimal(),
        ValueTag.Bytes or ValueTag.DecimalText => _bytes.Span.SequenceEqual(other._bytes.Span),
        _ => _low == other._low && _high == other._high,
    };

    public override bool Equals(object? obj) => obj is ColumnValue other && Equals(other);

    public override int GetHashCode() => Tag switch
    {
        ValueTag.Bytes or ValueTag.DecimalText => HashCode.Combine(Tag, _bytes.Length),
        ValueTag.Decimal => HashCode.Combine(Tag, AsDecimal()),
        _ => HashCode.Combine(Tag, _low, _high),
    };

    public static bool operator ==(ColumnValue left, ColumnValue right) => left.Equals(right);
    public static bool operator !=(ColumnValue left, ColumnValue right) => !left.Equals(right);

    public override string ToString() => Tag switch
    {
        ValueTag.Null => "NULL",
        ValueTag.Int64 => _low.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ValueTag.UInt64 => ((ulong)_low).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ValueTag.Double => AsDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        ValueTag.Decimal => AsDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ValueTag.DecimalText => Encoding.ASCII.GetString(_bytes.Span),
        ValueTag.Bytes => "0x" + Convert.ToHexString(_bytes.Span),
        _ => AsOverflow().ToString(),
    };

    private InvalidOperationException WrongTag(ValueTag wanted) => new($"a {Tag} value read as {wanted}");
}
