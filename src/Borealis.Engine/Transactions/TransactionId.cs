namespace Borealis.Engine.Transactions;

/// <summary>A transaction's identity; ids increase, so a higher id is a younger transaction.</summary>
public readonly record struct TransactionId(ulong Value) : IComparable<TransactionId>
{
    public int CompareTo(TransactionId other) => Value.CompareTo(other.Value);

    public static bool operator <(TransactionId left, TransactionId right) => left.Value < right.Value;
    public static bool operator >(TransactionId left, TransactionId right) => left.Value > right.Value;
    public static bool operator <=(TransactionId left, TransactionId right) => left.Value <= right.Value;
    public static bool operator >=(TransactionId left, TransactionId right) => left.Value >= right.Value;

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
