using System.Globalization;
using System.Text;
using Borealis.Sql.Execution.Values;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Execution.Expressions;

internal sealed partial class Evaluator
{
    /// <summary>CAST/CONVERT to SIGNED, UNSIGNED, CHAR, BINARY, DECIMAL, DOUBLE, DATE, DATETIME.</summary>
    private SqlValue Cast(CastExpression cast, RowScope scope)
    {
        var v = Eval(cast.Operand, scope);
        if (v.IsNull) return v;
        var type = cast.Type;
        switch (type.Name)
        {
            case DataTypeName.BigInt when type.Unsigned:
                // Negative values wrap, as MySQL's CAST(-1 AS UNSIGNED).
                return v.Kind == SqlKind.UInt ? v : SqlValue.FromUInt(unchecked((ulong)IntegerOf(v)));
            case DataTypeName.BigInt:
                return v.Kind == SqlKind.UInt ? SqlValue.FromInt(unchecked((long)v.UInt)) : SqlValue.FromInt(IntegerOf(v));
            case DataTypeName.Char:
            {
                var text = v.ToText();
                if (type.Length is { } n && text.Length > n) text = text[..n];
                return SqlValue.FromString(text);
            }
            case DataTypeName.Binary:
            {
                var bytes = v.ToBytes();
                if (type.Length is { } n && bytes.Length != n) Array.Resize(ref bytes, n);
                return SqlValue.FromBytes(bytes);
            }
            case DataTypeName.Decimal:
            {
                var scale = type.Scale ?? 0;
                var d = v.IsText && decimal.TryParse(v.ToText().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : v.ToDecimal();
                return SqlValue.FromDecimal(WithScale(d, scale));
            }
            case DataTypeName.Double:
                return SqlValue.FromDouble(v.ToDouble());
            case DataTypeName.Date:
                return Temporal(v.ToText(), dateOnly: true);
            case DataTypeName.DateTime:
                return Temporal(v.ToText(), dateOnly: false);
            default:
                throw SqlErrors.NotSupported("CAST AS " + type.Name.ToString().ToUpperInvariant());
        }
    }

    /// <summary>Strings convert by their leading integer (truncating, as MySQL's string-to-int); numbers round.</summary>
    private static long IntegerOf(SqlValue v)
    {
        if (!v.IsText) return v.ToInt64();
        var text = v.Kind == SqlKind.Bytes ? Encoding.UTF8.GetString(v.Bytes) : v.String;
        var d = Math.Truncate(SqlValue.LeadingNumber(text));
        return d >= long.MaxValue ? long.MaxValue : d <= long.MinValue ? long.MinValue : (long)d;
    }
}
