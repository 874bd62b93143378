namespace Borealis.Engine.Rows;

/// <summary>
/// The packed integers that stand for dates and times in a <see cref="ColumnValue"/> (tag
/// Int64), in rows and in keys. Each orders as the values do, and each keeps MySQL's zero
/// parts ('0000-00-00', '2024-00-00'), which no calendar type can hold.
/// <list type="bullet">
/// <item>DATE: Y×512 + M×32 + D (3 bytes in a row).</item>
/// <item>DATETIME(fsp): ((((Y×13 + M)×32 + D)×24 + h)×60 + m)×60 + s, times 10^6, plus
/// microseconds (months go to 12 and days to 31, so the multipliers 13 and 32 keep order).</item>
/// <item>TIMESTAMP(fsp): microseconds since 1970-01-01 00:00:00 UTC; 0 is '0000-00-00 00:00:00'.</item>
/// <item>TIME(fsp): signed microseconds (-838:59:59 to 838:59:59).</item>
/// <item>YEAR: the year, 0 or 1901..2155.</item>
/// </list>
/// </summary>
public static class Temporal
{
    public static long PackDate(int year, int month, int day)
    {
        Check(year, month, day);
        return (year * 512L) + (month * 32L) + day;
    }

    public static (int Year, int Month, int Day) UnpackDate(long packed) => ((int)(packed / 512), (int)(packed / 32 % 16), (int)(packed % 32));

    public static long PackDateTime(int year, int month, int day, int hour, int minute, int second, int microsecond)
    {
        Check(year, month, day);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)hour, 23u, nameof(hour));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)minute, 59u, nameof(minute));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)second, 59u, nameof(second));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)microsecond, 999_999u, nameof(microsecond));
        var seconds = ((((((year * 13L) + month) * 32 + day) * 24 + hour) * 60) + minute) * 60 + second;
        return (seconds * 1_000_000) + microsecond;
    }

    public static (int Year, int Month, int Day, int Hour, int Minute, int Second, int Microsecond) UnpackDateTime(long packed)
    {
        var micro = (int)(packed % 1_000_000);
        var t = packed / 1_000_000;
        var second = (int)(t % 60);
        t /= 60;
        var minute = (int)(t % 60);
        t /= 60;
        var hour = (int)(t % 24);
        t /= 24;
        var day = (int)(t % 32);
        t /= 32;
        return ((int)(t / 13), (int)(t % 13), day, hour, minute, second, micro);
    }

    public static long PackDateTime(DateTime value) =>
        PackDateTime(value.Year, value.Month, value.Day, value.Hour, value.Minute, value.Second, (int)(value.Ticks % TimeSpan.TicksPerSecond / 10));

    /// <summary>TIMESTAMP from a UTC instant.</summary>
    public static long PackTimestamp(DateTimeOffset value) => (value.UtcTicks - DateTime.UnixEpoch.Ticks) / 10;

    public static DateTimeOffset UnpackTimestamp(long packed) => new(DateTime.UnixEpoch.Ticks + (packed * 10), TimeSpan.Zero);

    public static long PackTime(TimeSpan value) => value.Ticks / 10;

    public static TimeSpan UnpackTime(long packed) => TimeSpan.FromTicks(packed * 10);

    private static void Check(int year, int month, int day)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)year, 9999u, nameof(year));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)month, 12u, nameof(month));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)day, 31u, nameof(day));
    }
}
