using System.Globalization;
using Borealis.Engine.Rows;
using Borealis.MySql;
using Borealis.Sql.Execution.Catalog;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Execution.Values;

/// <summary>
/// DATE/DATETIME/TIMESTAMP text ('YYYY-MM-DD[ hh:mm:ss[.ffffff]]') and the engine's packed
/// integers. TIMESTAMP is kept as UTC microseconds; with time_zone SYSTEM on a UTC host (what
/// this slice assumes and @@system_time_zone says) the text is the UTC time.
/// </summary>
internal static class TemporalText
{
    public static long Pack(ColumnDef column, string text, int rowNumber)
    {
        if (!TryParse(text.Trim(), out var y, out var mo, out var d, out var h, out var mi, out var s, out var us))
            throw SqlErrors.Of(MySqlErrorCode.TruncatedWrongValueForField, column.Type.ToString().ToLowerInvariant(), text, column.Name, rowNumber);
        try
        {
            var fsp = column.Length ?? 0;
            us = fsp == 0 ? 0 : (int)(us / (long)Math.Pow(10, 6 - fsp) * (long)Math.Pow(10, 6 - fsp));
            return column.Type switch
            {
                DataTypeName.Date => Temporal.PackDate(y, mo, d),
                DataTypeName.DateTime => Temporal.PackDateTime(y, mo, d, h, mi, s, us),
                _ => Temporal.PackTimestamp(new DateTimeOffset(y, mo, d, h, mi, s, TimeSpan.Zero).AddTicks(us * 10L)),
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            throw SqlErrors.Of(MySqlErrorCode.TruncatedWrongValueForField, column.Type.ToString().ToLowerInvariant(), text, column.Name, rowNumber);
        }
    }

    public static string Format(ColumnDef column, long packed)
    {
        var fsp = column.Length ?? 0;
        switch (column.Type)
        {
            case DataTypeName.Date:
            {
                var (y, m, d) = Temporal.UnpackDate(packed);
                return string.Create(CultureInfo.InvariantCulture, $"{y:D4}-{m:D2}-{d:D2}");
            }
            case DataTypeName.DateTime:
            {
                var (y, mo, d, h, mi, s, us) = Temporal.UnpackDateTime(packed);
                return Text(y, mo, d, h, mi, s, us, fsp);
            }
            default:
            {
                var t = Temporal.UnpackTimestamp(packed).UtcDateTime;
                return Text(t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second, (int)(t.Ticks % TimeSpan.TicksPerSecond / 10), fsp);
            }
        }
    }

    private static string Text(int y, int mo, int d, int h, int mi, int s, int us, int fsp)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{y:D4}-{mo:D2}-{d:D2} {h:D2}:{mi:D2}:{s:D2}");
        return fsp == 0 ? text : text + "." + us.ToString("D6", CultureInfo.InvariantCulture)[..fsp];
    }

    public static bool TryParse(string text, out int y, out int mo, out int d, out int h, out int mi, out int s, out int us)
    {
        y = mo = d = h = mi = s = us = 0;
        var parts = text.Split([' ', 'T'], 2);
        var date = parts[0].Split('-');
        if (date.Length != 3 || !int.TryParse(date[0], NumberStyles.None, CultureInfo.InvariantCulture, out y)
            || !int.TryParse(date[1], NumberStyles.None, CultureInfo.InvariantCulture, out mo) || !int.TryParse(date[2], NumberStyles.None, CultureInfo.InvariantCulture, out d))
            return false;
        if (parts.Length == 1) return true;
        var timeAndFraction = parts[1].Split('.', 2);
        var time = timeAndFraction[0].Split(':');
        if (time.Length != 3 || !int.TryParse(time[0], NumberStyles.None, CultureInfo.InvariantCulture, out h)
            || !int.TryParse(time[1], NumberStyles.None, CultureInfo.InvariantCulture, out mi) || !int.TryParse(time[2], NumberStyles.None, CultureInfo.InvariantCulture, out s))
            return false;
        if (timeAndFraction.Length == 2)
        {
            var f = timeAndFraction[1];
            if (f.Length is 0 or > 6 || !int.TryParse(f, NumberStyles.None, CultureInfo.InvariantCulture, out us)) return false;
            us *= (int)Math.Pow(10, 6 - f.Length);
        }
        return true;
    }
}
