using System.Globalization;
using System.Text;
using Borealis.MySql.Protocol;

namespace Borealis.MySql;

/// <summary>
/// One decoded COM_STMT_EXECUTE parameter, as the client typed it (binary protocol value).
/// Integers and floats are held inline; strings, decimals and long data point into the packet
/// (valid only during the execute call).
/// https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_binary_resultset.html#sect_protocol_binary_resultset_row_value
/// </summary>
public readonly struct MySqlParameterValue
{
    private readonly long _bits;

    private MySqlParameterValue(ColumnType type, bool unsigned, bool isNull, long bits, ReadOnlyMemory<byte> bytes, MySqlDateTime dateTime, MySqlTime time)
    {
        Type = type;
        IsUnsigned = unsigned;
        IsNull = isNull;
        _bits = bits;
        Bytes = bytes;
        DateTime = dateTime;
        Time = time;
    }

    public ColumnType Type { get; }
    public bool IsUnsigned { get; }
    public bool IsNull { get; }

    /// <summary>String, BLOB, DECIMAL (as text), JSON, BIT, long data.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    public MySqlDateTime DateTime { get; }
    public MySqlTime Time { get; }

    public static MySqlParameterValue Null(ColumnType type) => new(type, false, true, 0, default, default, default);

    public static MySqlParameterValue FromInteger(ColumnType type, bool unsigned, long bits) => new(type, unsigned, false, bits, default, default, default);

    public static MySqlParameterValue FromDouble(ColumnType type, double value) =>
        new(type, false, false, BitConverter.DoubleToInt64Bits(value), default, default, default);

    public static MySqlParameterValue FromBytes(ColumnType type, bool unsigned, ReadOnlyMemory<byte> bytes) => new(type, unsigned, false, 0, bytes, default, default);

    public static MySqlParameterValue FromDateTime(ColumnType type, MySqlDateTime value) => new(type, false, false, 0, default, value, default);

    public static MySqlParameterValue FromTime(MySqlTime value) => new(ColumnType.Time, false, false, 0, default, default, value);

    public bool IsInteger => Type is ColumnType.Tiny or ColumnType.Short or ColumnType.Year or ColumnType.Long or ColumnType.Int24 or ColumnType.LongLong;

    public bool IsFloatingPoint => Type is ColumnType.Float or ColumnType.Double;

    /// <summary>The integer value (sign- or zero-extended when the parameter was decoded).</summary>
    public long Int64 => _bits;

    public ulong UInt64 => unchecked((ulong)_bits);

    public double Double => BitConverter.Int64BitsToDouble(_bits);

    /// <summary>Renders the value as MySQL would print it; for tests and diagnostics (allocates).</summary>
    public override string ToString()
    {
        if (IsNull) return "NULL";
        if (IsInteger) return IsUnsigned ? UInt64.ToString(CultureInfo.InvariantCulture) : Int64.ToString(CultureInfo.InvariantCulture);
        if (IsFloatingPoint) return Double.ToString("R", CultureInfo.InvariantCulture);
        return Type switch
        {
            ColumnType.Date => $"{DateTime.Year:D4}-{DateTime.Month:D2}-{DateTime.Day:D2}",
            ColumnType.DateTime or ColumnType.Timestamp =>
                $"{DateTime.Year:D4}-{DateTime.Month:D2}-{DateTime.Day:D2} {DateTime.Hour:D2}:{DateTime.Minute:D2}:{DateTime.Second:D2}.{DateTime.Microsecond:D6}",
            ColumnType.Time => $"{(Time.Negative ? "-" : "")}{Time.Days * 24 + Time.Hour:D2}:{Time.Minute:D2}:{Time.Second:D2}.{Time.Microsecond:D6}",
            _ => Encoding.UTF8.GetString(Bytes.Span),
        };
    }

    /// <summary>Reads one non-NULL value of <paramref name="type"/> from an execute packet.</summary>
    internal static MySqlParameterValue Read(ref PayloadReader reader, ColumnType type, bool unsigned, ReadOnlyMemory<byte> packet)
    {
        switch (type)
        {
            case ColumnType.Tiny:
                var b = reader.ReadByte();
                return FromInteger(type, unsigned, unsigned ? b : (sbyte)b);
            case ColumnType.Short:
            case ColumnType.Year:
                var s = reader.ReadUInt16();
                return FromInteger(type, unsigned, unsigned ? s : (short)s);
            case ColumnType.Long:
            case ColumnType.Int24:
                var i = reader.ReadUInt32();
                return FromInteger(type, unsigned, unsigned ? i : (int)i);
            case ColumnType.LongLong:
                return FromInteger(type, unsigned, unchecked((long)reader.ReadUInt64()));
            case ColumnType.Float:
                return FromDouble(type, BitConverter.Int32BitsToSingle((int)reader.ReadUInt32()));
            case ColumnType.Double:
                return FromDouble(type, BitConverter.Int64BitsToDouble((long)reader.ReadUInt64()));
            case ColumnType.Null:
                return Null(type);
            case ColumnType.Date:
            case ColumnType.DateTime:
            case ColumnType.Timestamp:
            case ColumnType.NewDate:
            case ColumnType.DateTime2:
            case ColumnType.Timestamp2:
                return FromDateTime(type, ReadDateTime(ref reader));
            case ColumnType.Time:
            case ColumnType.Time2:
                return FromTime(ReadTime(ref reader));
            default:
                // Strings, BLOBs, DECIMAL, JSON, ENUM, SET, BIT, GEOMETRY: length-encoded bytes.
                var length = reader.ReadLengthEncodedInteger();
                if (length > (ulong)reader.Remaining) throw new MalformedPacketException();
                var start = reader.Offset;
                reader.Skip((int)length);
                return FromBytes(type, unsigned, packet.Slice(start, (int)length));
        }
    }

    /// <summary>Length 0, 4 (date), 7 (+time) or 11 (+microseconds).</summary>
    private static MySqlDateTime ReadDateTime(ref PayloadReader reader)
    {
        var length = reader.ReadByte();
        if (length is not (0 or 4 or 7 or 11)) throw new MalformedPacketException("bad DATETIME length");
        if (length == 0) return default;
        int year = reader.ReadUInt16(), month = reader.ReadByte(), day = reader.ReadByte();
        int hour = 0, minute = 0, second = 0, micro = 0;
        if (length >= 7)
        {
            hour = reader.ReadByte();
            minute = reader.ReadByte();
            second = reader.ReadByte();
        }
        if (length == 11) micro = (int)reader.ReadUInt32();
        return new MySqlDateTime(year, month, day, hour, minute, second, micro);
    }

    /// <summary>Length 0, 8 (sign, days, h, m, s) or 12 (+microseconds).</summary>
    private static MySqlTime ReadTime(ref PayloadReader reader)
    {
        var length = reader.ReadByte();
        if (length is not (0 or 8 or 12)) throw new MalformedPacketException("bad TIME length");
        if (length == 0) return default;
        var negative = reader.ReadByte() != 0;
        var days = (int)reader.ReadUInt32();
        int hour = reader.ReadByte(), minute = reader.ReadByte(), second = reader.ReadByte();
        var micro = length == 12 ? (int)reader.ReadUInt32() : 0;
        return new MySqlTime(negative, days, hour, minute, second, micro);
    }
}
