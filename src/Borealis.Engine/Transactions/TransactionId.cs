using System.Globalization;

namespace Borealis.Engine.Transactions;

/// <summary>
/// A transaction, numbered in the order transactions start: a higher id is a younger
/// transaction. The lock manager picks the youngest transaction of a deadlock as its victim.
/// </summary>
public readonly record struct TransactionId(ulong Value) : IComparable<TransactionId>
{
    public int CompareTo(TransactionId other) => Value.CompareTo(other.Value);
    public static bool operator <(TransactionId a, TransactionId b) => a.Value < b.Value;
    public static bool operator >(TransactionId a, TransactionId b) => a.Value > b.Value;
    public static bool operator <=(TransactionId a, TransactionId b) => a.Value <= b.Value;
    public static bool operator >=(TransactionId a, TransactionId b) => a.Value >= b.Value;

    /// <summary>True when this transaction started after <paramref name="other"/>.</summary>
    public bool IsYoungerThan(TransactionId other) => Value > other.Value;

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
