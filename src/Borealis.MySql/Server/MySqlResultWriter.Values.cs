using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using Borealis.MySql.Protocol;

namespace Borealis.MySql;

// Value encodings. Text rows: every value a length-encoded string, NULL as 0xFB
// (https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_query_response_text_resultset_row.html).
// Binary rows: fixed-width little-endian numbers, length-prefixed dates and times, length-encoded
// strings, NULL in the bitmap, chosen by the column's type
// (https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_binary_resultset.html).
public sealed partial class MySqlResultWriter
{
    // Longest text forms: a decimal (29 digits, sign, point), a double ("R"), a datetime with microseconds.
    private const int MaxScalarText = 40;

    public void WriteNull()
    {
        var index = _column;
        NextColumn();
        if (_binary)
        {
            var bit = index + 2;
            _row.WrittenSpanForPatching[_nullBitmapOffset + bit / 8] |= (byte)(1 << (bit % 8));
        }
        else
        {
            _row.WriteByte(0xFB);
        }
    }

    public void WriteInt64(long value)
    {
        var column = NextColumn();
        if (_binary)
        {
            switch (column.Type)
            {
                case ColumnType.Tiny: _row.WriteByte((byte)value); return;
                case ColumnType.Short or ColumnType.Year: _row.WriteUInt16((ushort)value); return;
                case ColumnType.Long or ColumnType.Int24: _row.WriteUInt32((uint)value); return;
                case ColumnType.LongLong: _row.WriteUInt64((ulong)value); return;
                case ColumnType.Float: WriteFloatBits((float)value); return;
                case ColumnType.Double: _row.WriteUInt64((ulong)BitConverter.DoubleToInt64Bits(value)); return;
                case ColumnType.Bit: WriteBitValue(column, (ulong)value); return;
            }
        }
        else if (column.Type == ColumnType.Bit)
        {
            WriteBitValue(column, (ulong)value);
            return;
        }
        var span = BeginText();
        Utf8Formatter.TryFormat(value, span, out var written);
        EndText(written);
    }

    public void WriteUInt64(ulong value)
    {
        var column = NextColumn();
        if (_binary)
        {
            switch (column.Type)
            {
                case ColumnType.Tiny: _row.WriteByte((byte)value); return;
                case ColumnType.Short or ColumnType.Year: _row.WriteUInt16((ushort)value); return;
                case ColumnType.Long or ColumnType.Int24: _row.WriteUInt32((uint)value); return;
                case ColumnType.LongLong: _row.WriteUInt64(value); return;
                case ColumnType.Float: WriteFloatBits(value); return;
                case ColumnType.Double: _row.WriteUInt64((ulong)BitConverter.DoubleToInt64Bits(value)); return;
                case ColumnType.Bit: WriteBitValue(column, value); return;
            }
        }
        else if (column.Type == ColumnType.Bit)
        {
            WriteBitValue(column, value);
            return;
        }
        var span = BeginText();
        Utf8Formatter.TryFormat(value, span, out var written);
        EndText(written);
    }

    public void WriteDouble(double value)
    {
        var column = NextColumn();
        if (_binary)
        {
            switch (column.Type)
            {
                case ColumnType.Double: _row.WriteUInt64((ulong)BitConverter.DoubleToInt64Bits(value)); return;
                case ColumnType.Float: WriteFloatBits((float)value); return;
            }
        }
        var span = BeginText();
        // Shortest round-trip form, as MySQL prints doubles (%.17g trimmed).
        var ok = column.Type == ColumnType.Float
            ? ((float)value).TryFormat(span, out var written, default, CultureInfo.InvariantCulture)
            : value.TryFormat(span, out written, default, CultureInfo.InvariantCulture);
        EndText(ok ? written : 0);
    }

    public void WriteFloat(float value)
    {
        var column = NextColumn();
        if (_binary)
        {
            switch (column.Type)
            {
                case ColumnType.Float: WriteFloatBits(value); return;
                case ColumnType.Double: _row.WriteUInt64((ulong)BitConverter.DoubleToInt64Bits(value)); return;
            }
        }
        var span = BeginText();
        var ok = value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        EndText(ok ? written : 0);
    }

    /// <summary>DECIMAL is sent as text in both protocols; its scale is kept ("1.50").</summary>
    public void WriteDecimal(decimal value)
    {
        var column = NextColumn();
        if (_binary)
        {
            switch (column.Type)
            {
                case ColumnType.Double: _row.WriteUInt64((ulong)BitConverter.DoubleToInt64Bits((double)value)); return;
                case ColumnType.Float: WriteFloatBits((float)value); return;
            }
        }
        var span = BeginText();
        var ok = value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        EndText(ok ? written : 0);
    }

    /// <summary>A string, BLOB, JSON, ENUM/SET or a DECIMAL beyond <see cref="decimal"/> as its text.</summary>
    public void WriteString(ReadOnlySpan<byte> value)
    {
        NextColumn();
        _row.WriteLengthEncodedString(value);
    }

    public void WriteString(ReadOnlySpan<char> value)
    {
        NextColumn();
        _row.WriteLengthEncodedString(value);
    }

    public void WriteDateTime(MySqlDateTime value)
    {
        var column = NextColumn();
        if (_binary)
        {
            // Length 0 (zero date), 4 (date), 7 (+ time), 11 (+ microseconds).
            var dateOnly = column.Type is ColumnType.Date or ColumnType.NewDate;
            var length = value == default ? 0 : dateOnly ? 4 : value.Microsecond != 0 ? 11 : value.HasTime ? 7 : 4;
            _row.WriteByte((byte)length);
            if (length == 0) return;
            _row.WriteUInt16((ushort)value.Year);
            _row.WriteByte((byte)value.Month);
            _row.WriteByte((byte)value.Day);
            if (length == 4) return;
            _row.WriteByte((byte)value.Hour);
            _row.WriteByte((byte)value.Minute);
            _row.WriteByte((byte)value.Second);
            if (length == 11) _row.WriteUInt32((uint)value.Microsecond);
            return;
        }
        var span = BeginText();
        var n = Digits(span, value.Year, 4);
        span[n++] = (byte)'-';
        n += Digits(span[n..], value.Month, 2);
        span[n++] = (byte)'-';
        n += Digits(span[n..], value.Day, 2);
        if (column.Type is not (ColumnType.Date or ColumnType.NewDate))
        {
            span[n++] = (byte)' ';
            n += Digits(span[n..], value.Hour, 2);
            span[n++] = (byte)':';
            n += Digits(span[n..], value.Minute, 2);
            span[n++] = (byte)':';
            n += Digits(span[n..], value.Second, 2);
            n += Fraction(span[n..], value.Microsecond, column.Decimals);
        }
        EndText(n);
    }

    public void WriteTime(MySqlTime value)
    {
        var column = NextColumn();
        if (_binary)
        {
            // Length 0 (zero), 8 (sign, days, h, m, s), 12 (+ microseconds).
            var length = value == default ? 0 : value.Microsecond != 0 ? 12 : 8;
            _row.WriteByte((byte)length);
            if (length == 0) return;
            _row.WriteByte(value.Negative ? (byte)1 : (byte)0);
            _row.WriteUInt32((uint)value.Days);
            _row.WriteByte((byte)value.Hour);
            _row.WriteByte((byte)value.Minute);
            _row.WriteByte((byte)value.Second);
            if (length == 12) _row.WriteUInt32((uint)value.Microsecond);
            return;
        }
        var span = BeginText();
        var n = 0;
        if (value.Negative) span[n++] = (byte)'-';
        var hours = value.Days * 24 + value.Hour;
        n += Digits(span[n..], hours, hours >= 100 ? 3 : 2);
        span[n++] = (byte)':';
        n += Digits(span[n..], value.Minute, 2);
        span[n++] = (byte)':';
        n += Digits(span[n..], value.Second, 2);
        n += Fraction(span[n..], value.Microsecond, column.Decimals);
        EndText(n);
    }

    private void WriteFloatBits(float value) => _row.WriteUInt32((uint)BitConverter.SingleToInt32Bits(value));

    /// <summary>BIT(n) is sent in both protocols as big-endian bytes, (n+7)/8 of them.</summary>
    private void WriteBitValue(MySqlColumn column, ulong value)
    {
        var bytes = (int)Math.Clamp((column.Length + 7) / 8, 1, 8);
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(buffer, value);
        _row.WriteLengthEncodedString(buffer[(8 - bytes)..]);
    }

    // Text values shorter than 251 bytes: a one-byte length, then the digits formatted in place.
    private Span<byte> BeginText() => _row.GetSpan(1 + MaxScalarText)[1..];

    private void EndText(int written)
    {
        _row.GetSpan(1)[0] = (byte)written;
        _row.Advance(1 + written);
    }

    private static int Digits(Span<byte> span, int value, int width)
    {
        value = Math.Abs(value);
        var digits = value == 0 ? 1 : (int)Math.Floor(Math.Log10(value)) + 1;
        var count = Math.Max(width, digits);
        for (var i = count - 1; i >= 0; i--)
        {
            span[i] = (byte)('0' + value % 10);
            value /= 10;
        }
        return count;
    }

    /// <summary>".ffffff" cut to the column's fractional digits (fsp 0 writes nothing).</summary>
    private static int Fraction(Span<byte> span, int microseconds, byte decimals)
    {
        var fsp = decimals is > 0 and <= 6 ? decimals : 0;
        if (fsp == 0) return 0;
        span[0] = (byte)'.';
        Span<byte> six = stackalloc byte[6];
        Digits(six, microseconds, 6);
        six[..fsp].CopyTo(span[1..]);
        return 1 + fsp;
    }
}
