namespace Borealis.MySql;

/// <summary>
/// A DATE, DATETIME or TIMESTAMP value as its fields, so zero dates ('0000-00-00') and years
/// outside DateTime's range travel unchanged.
/// </summary>
public readonly record struct MySqlDateTime(int Year, int Month, int Day, int Hour = 0, int Minute = 0, int Second = 0, int Microsecond = 0)
{
    public static MySqlDateTime FromDateTime(DateTime value) =>
        new(value.Year, value.Month, value.Day, value.Hour, value.Minute, value.Second, (int)(value.Ticks % TimeSpan.TicksPerSecond / 10));

    public DateTime ToDateTime() => new DateTime(Year, Month, Day, Hour, Minute, Second).AddTicks(Microsecond * 10L);

    public bool HasTime => Hour != 0 || Minute != 0 || Second != 0 || Microsecond != 0;
}

/// <summary>A TIME value: MySQL's range is -838:59:59.000000 to 838:59:59.000000, wider than a day.</summary>
public readonly record struct MySqlTime(bool Negative, int Days, int Hour, int Minute, int Second, int Microsecond = 0)
{
    public static MySqlTime FromTimeSpan(TimeSpan value)
    {
        var negative = value < TimeSpan.Zero;
        if (negative) value = value.Negate();
        return new(negative, value.Days, value.Hours, value.Minutes, value.Seconds, (int)(value.Ticks % TimeSpan.TicksPerSecond / 10));
    }

    public TimeSpan ToTimeSpan()
    {
        var ticks = new TimeSpan(Days, Hour, Minute, Second).Ticks + Microsecond * 10L;
        return TimeSpan.FromTicks(Negative ? -ticks : ticks);
    }
}
