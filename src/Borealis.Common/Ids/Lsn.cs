using System.Globalization;

namespace Borealis.Common;

/// <summary>
/// A log sequence number: the volume-wide position of a redo record. Zero means "before
/// the first record"; LSNs handed out by the volume start at 1 and only grow.
/// </summary>
public readonly record struct Lsn(ulong Value) : IComparable<Lsn>
{
    public static readonly Lsn Zero = new(0);
    public static readonly Lsn Max = new(ulong.MaxValue);

    public int CompareTo(Lsn other) => Value.CompareTo(other.Value);
    public static bool operator <(Lsn a, Lsn b) => a.Value < b.Value;
    public static bool operator >(Lsn a, Lsn b) => a.Value > b.Value;
    public static bool operator <=(Lsn a, Lsn b) => a.Value <= b.Value;
    public static bool operator >=(Lsn a, Lsn b) => a.Value >= b.Value;
    public static Lsn Min(Lsn a, Lsn b) => a.Value <= b.Value ? a : b;
    public static Lsn MaxOf(Lsn a, Lsn b) => a.Value >= b.Value ? a : b;
    public Lsn Next => new(Value + 1);
    public Lsn Add(ulong n) => new(Value + n);
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
