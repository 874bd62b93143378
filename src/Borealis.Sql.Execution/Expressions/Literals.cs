using System.Globalization;
using Borealis.Sql.Execution.Values;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Execution.Expressions;

internal static class Literals
{
    /// <summary>An integer literal is BIGINT (or BIGINT UNSIGNED, or DECIMAL past that); 1.5 is DECIMAL; 1e3 is DOUBLE.</summary>
    public static SqlValue Number(NumberLiteral n)
    {
        switch (n.Kind)
        {
            case NumberKind.Integer:
                if (long.TryParse(n.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return SqlValue.FromInt(l);
                if (ulong.TryParse(n.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var u)) return SqlValue.FromUInt(u);
                return SqlValue.FromDecimal(decimal.Parse(n.Text, CultureInfo.InvariantCulture));
            case NumberKind.Decimal:
                return decimal.TryParse(n.Text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d)
                    ? SqlValue.FromDecimal(d) : SqlValue.FromDouble(double.Parse(n.Text, CultureInfo.InvariantCulture));
            default:
                return SqlValue.FromDouble(double.Parse(n.Text, CultureInfo.InvariantCulture));
        }
    }
}
