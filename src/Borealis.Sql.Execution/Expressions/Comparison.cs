using System.Text;
using Borealis.Engine.Keys;
using Borealis.Sql.Execution.Values;

namespace Borealis.Sql.Execution.Expressions;

/// <summary>MySQL's comparison of two non-NULL values (the rules of "Type Conversion in Expression Evaluation").</summary>
internal static class Comparison
{
    public static int Compare(SqlValue a, SqlValue b, Collation collation)
    {
        if (a.IsText && b.IsText)
        {
            if (a.Kind == SqlKind.Bytes || b.Kind == SqlKind.Bytes) return a.ToBytes().AsSpan().SequenceCompareTo(b.ToBytes());
            if (a.Kind == SqlKind.Temporal || b.Kind == SqlKind.Temporal) return string.CompareOrdinal(NormalizeTemporal(a.String), NormalizeTemporal(b.String));
            return Math.Sign(collation.Compare(Encoding.UTF8.GetBytes(a.String), Encoding.UTF8.GetBytes(b.String)));
        }
        if (a.Kind is SqlKind.Int or SqlKind.UInt && b.Kind is SqlKind.Int or SqlKind.UInt) return CompareIntegers(a, b);
        if (a.Kind is SqlKind.Int or SqlKind.UInt or SqlKind.Decimal && b.Kind is SqlKind.Int or SqlKind.UInt or SqlKind.Decimal)
            return a.ToDecimal().CompareTo(b.ToDecimal());
        return a.ToDouble().CompareTo(b.ToDouble());
    }

    private static int CompareIntegers(SqlValue a, SqlValue b)
    {
        if (a.Kind == b.Kind) return a.Kind == SqlKind.Int ? a.Int.CompareTo(b.Int) : a.UInt.CompareTo(b.UInt);
        if (a.Kind == SqlKind.Int) return a.Int < 0 ? -1 : ((ulong)a.Int).CompareTo(b.UInt);
        return b.Int < 0 ? 1 : a.UInt.CompareTo((ulong)b.Int);
    }

    /// <summary>A date compared with a datetime compares as datetimes ('2024-01-01' = '2024-01-01 00:00:00').</summary>
    private static string NormalizeTemporal(string s) => s.Length == 10 ? s + " 00:00:00" : s;

    /// <summary>Equality for grouping and DISTINCT: the same as <see cref="Compare"/> = 0, NULLs equal.</summary>
    public static bool GroupEquals(SqlValue a, SqlValue b, Collation collation) =>
        a.IsNull || b.IsNull ? a.IsNull && b.IsNull : Compare(a, b, collation) == 0;

    /// <summary>Order for ORDER BY: NULL first, as MySQL ascending.</summary>
    public static int OrderCompare(SqlValue a, SqlValue b, Collation collation)
    {
        if (a.IsNull) return b.IsNull ? 0 : -1;
        if (b.IsNull) return 1;
        return Compare(a, b, collation);
    }
}
