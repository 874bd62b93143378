using System.Globalization;
using System.Text;

namespace Borealis.Sql.Execution.Values;

/// <summary>What kind of value an expression produced.</summary>
public enum SqlKind : byte
{
    Null,
    Int,
    UInt,
    Decimal,
    Double,
    /// <summary>A character string (UTF-8 text kept as a .NET string).</summary>
    String,
    /// <summary>A byte string (BINARY, VARBINARY, BLOB).</summary>
    Bytes,
    /// <summary>DATE, DATETIME or TIMESTAMP, kept as its canonical text 'YYYY-MM-DD[ hh:mm:ss[.ffffff]]'.</summary>
    Temporal,
}

/// <summary>
/// One value during evaluation. Scalars live unboxed; strings and bytes in <see cref="_object"/>.
/// Temporals are text in canonical form, which orders as the values do, so comparing two of
/// them is a string comparison (MySQL compares a DATETIME with a string the same way).
/// </summary>
public readonly struct SqlValue : IEquatable<SqlValue>
{
    private readonly long _bits;
    private readonly decimal _decimal;
    private readonly object? _object;

    private SqlValue(SqlKind kind, long bits, decimal dec, object? obj)
    {
        Kind = kind;
        _bits = bits;
        _decimal = dec;
        _object = obj;
    }

    public SqlKind Kind { get; }
    public bool IsNull => Kind == SqlKind.Null;

    public static SqlValue Null => default;
    public static SqlValue FromInt(long value) => new(SqlKind.Int, value, 0, null);
    public static SqlValue FromUInt(ulong value) => new(SqlKind.UInt, unchecked((long)value), 0, null);
    public static SqlValue FromBool(bool value) => FromInt(value ? 1 : 0);
    public static SqlValue FromDecimal(decimal value) => new(SqlKind.Decimal, 0, value, null);
    public static SqlValue FromDouble(double value) => new(SqlKind.Double, BitConverter.DoubleToInt64Bits(value), 0, null);
    public static SqlValue FromString(string value) => new(SqlKind.String, 0, 0, value);
    public static SqlValue FromBytes(byte[] value) => new(SqlKind.Bytes, 0, 0, value);
    public static SqlValue FromTemporal(string canonical) => new(SqlKind.Temporal, 0, 0, canonical);

    public long Int => _bits;
    public ulong UInt => unchecked((ulong)_bits);
    public decimal Decimal => _decimal;
    public double Double => BitConverter.Int64BitsToDouble(_bits);
    public string String => (string)_object!;
    public byte[] Bytes => (byte[])_object!;

    public bool IsNumeric => Kind is SqlKind.Int or SqlKind.UInt or SqlKind.Decimal or SqlKind.Double;
    public bool IsText => Kind is SqlKind.String or SqlKind.Bytes or SqlKind.Temporal;

    /// <summary>The value as a double, MySQL's way: strings by their leading number, else 0.</summary>
    public double ToDouble() => Kind switch
    {
        SqlKind.Int => _bits,
        SqlKind.UInt => UInt,
        SqlKind.Decimal => (double)_decimal,
        SqlKind.Double => Double,
        SqlKind.String or SqlKind.Temporal => LeadingNumber(String),
        SqlKind.Bytes => LeadingNumber(Encoding.UTF8.GetString(Bytes)),
        _ => 0,
    };

    public decimal ToDecimal() => Kind switch
    {
        SqlKind.Int => _bits,
        SqlKind.UInt => UInt,
        SqlKind.Decimal => _decimal,
        SqlKind.Double => Double is > (double)decimal.MaxValue or < (double)decimal.MinValue ? throw new OverflowException() : (decimal)Double,
        _ => (decimal)ToDouble(),
    };

    /// <summary>Integer value, rounding as MySQL (half away from zero) and clamping.</summary>
    public long ToInt64()
    {
        switch (Kind)
        {
            case SqlKind.Int: return _bits;
            case SqlKind.UInt: return UInt > long.MaxValue ? long.MaxValue : (long)UInt;
            case SqlKind.Decimal: return (long)Math.Round(_decimal, MidpointRounding.AwayFromZero);
            default:
                var d = Math.Round(ToDouble(), MidpointRounding.AwayFromZero);
                return d >= long.MaxValue ? long.MaxValue : d <= long.MinValue ? long.MinValue : (long)d;
        }
    }

    /// <summary>True/false/NULL of a condition, as MySQL: nonzero numbers are true.</summary>
    public bool? ToBool() => Kind switch
    {
        SqlKind.Null => null,
        SqlKind.Int or SqlKind.UInt => _bits != 0,
        SqlKind.Decimal => _decimal != 0,
        _ => ToDouble() != 0,
    };

    /// <summary>The text form MySQL would print.</summary>
    public string ToText() => Kind switch
    {
        SqlKind.Null => "NULL",
        SqlKind.Int => _bits.ToString(CultureInfo.InvariantCulture),
        SqlKind.UInt => UInt.ToString(CultureInfo.InvariantCulture),
        SqlKind.Decimal => _decimal.ToString(CultureInfo.InvariantCulture),
        SqlKind.Double => Double.ToString("R", CultureInfo.InvariantCulture),
        SqlKind.Bytes => Encoding.UTF8.GetString(Bytes),
        _ => String,
    };

    public byte[] ToBytes() => Kind == SqlKind.Bytes ? Bytes : Encoding.UTF8.GetBytes(ToText());

    /// <summary>MySQL's string-to-number conversion: the longest numeric prefix after leading blanks.</summary>
    public static double LeadingNumber(string text)
    {
        var s = text.AsSpan().TrimStart();
        var end = 0;
        if (end < s.Length && s[end] is '+' or '-') end++;
        var digits = false;
        while (end < s.Length && char.IsAsciiDigit(s[end])) { end++; digits = true; }
        if (end < s.Length && s[end] == '.')
        {
            end++;
            while (end < s.Length && char.IsAsciiDigit(s[end])) { end++; digits = true; }
        }
        if (digits && end < s.Length && s[end] is 'e' or 'E')
        {
            var e = end + 1;
            if (e < s.Length && s[e] is '+' or '-') e++;
            var expDigits = e;
            while (e < s.Length && char.IsAsciiDigit(s[e])) e++;
            if (e > expDigits) end = e;
        }
        if (!digits) return 0;
        return double.TryParse(s[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0;
    }

    public bool Equals(SqlValue other) => Kind == other.Kind && _bits == other._bits && _decimal == other._decimal && Equals(_object, other._object);
    public override bool Equals(object? obj) => obj is SqlValue other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(Kind, _bits, _decimal, _object);
    public static bool operator ==(SqlValue left, SqlValue right) => left.Equals(right);
    public static bool operator !=(SqlValue left, SqlValue right) => !left.Equals(right);
    public override string ToString() => ToText();
}
