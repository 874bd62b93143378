using Borealis.MySql;
using Borealis.Sql.Execution.Values;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Execution.Expressions;

internal sealed partial class Evaluator
{
    /// <summary>div_precision_increment: a division's scale is the dividend's plus 4.</summary>
    private const int DivPrecisionIncrement = 4;

    private SqlValue Binary(BinaryExpression b, RowScope scope)
    {
        switch (b.Operator)
        {
            case BinaryOperator.And:
            {
                var l = Eval(b.Left, scope).ToBool();
                if (l == false) return SqlValue.FromBool(false);
                var r = Eval(b.Right, scope).ToBool();
                if (r == false) return SqlValue.FromBool(false);
                return l is null || r is null ? SqlValue.Null : SqlValue.FromBool(true);
            }
            case BinaryOperator.Or:
            {
                var l = Eval(b.Left, scope).ToBool();
                if (l == true) return SqlValue.FromBool(true);
                var r = Eval(b.Right, scope).ToBool();
                if (r == true) return SqlValue.FromBool(true);
                return l is null || r is null ? SqlValue.Null : SqlValue.FromBool(false);
            }
            case BinaryOperator.Xor:
            {
                var l = Eval(b.Left, scope).ToBool();
                var r = Eval(b.Right, scope).ToBool();
                return l is null || r is null ? SqlValue.Null : SqlValue.FromBool(l.Value != r.Value);
            }
        }
        var left = Eval(b.Left, scope);
        var right = Eval(b.Right, scope);
        if (b.Operator == BinaryOperator.NullSafeEqual)
        {
            if (left.IsNull || right.IsNull) return SqlValue.FromBool(left.IsNull && right.IsNull);
            return SqlValue.FromBool(Comparison.Compare(left, right, CollationOf(b.Left, scope)) == 0);
        }
        if (left.IsNull || right.IsNull) return SqlValue.Null;
        switch (b.Operator)
        {
            case BinaryOperator.Equal: return SqlValue.FromBool(Compare(b, left, right, scope) == 0);
            case BinaryOperator.NotEqual: return SqlValue.FromBool(Compare(b, left, right, scope) != 0);
            case BinaryOperator.Less: return SqlValue.FromBool(Compare(b, left, right, scope) < 0);
            case BinaryOperator.LessOrEqual: return SqlValue.FromBool(Compare(b, left, right, scope) <= 0);
            case BinaryOperator.Greater: return SqlValue.FromBool(Compare(b, left, right, scope) > 0);
            case BinaryOperator.GreaterOrEqual: return SqlValue.FromBool(Compare(b, left, right, scope) >= 0);
            case BinaryOperator.Add:
            case BinaryOperator.Subtract:
            case BinaryOperator.Multiply:
                return Arithmetic(b, left, right);
            case BinaryOperator.Divide:
                return Divide(left, right);
            case BinaryOperator.IntegerDivide:
            {
                var q = Divide(left, right);
                return q.IsNull ? q : SqlValue.FromInt((long)Math.Truncate(q.Kind == SqlKind.Decimal ? (double)q.Decimal : q.ToDouble()));
            }
            case BinaryOperator.Modulo:
                return Modulo(left, right);
            default:
                throw SqlErrors.NotSupported("operator " + b.Operator);
        }
    }

    private static int Compare(BinaryExpression b, SqlValue left, SqlValue right, RowScope scope)
    {
        var collation = CollationOf(b.Left, scope);
        if (collation.Id == 63) collation = CollationOf(b.Right, scope);
        if (collation.Id == 63) collation = Engine.Keys.Collation.Utf8mb40900AiCi;
        return Comparison.Compare(left, right, collation);
    }

    private static SqlValue Arithmetic(BinaryExpression b, SqlValue l, SqlValue r)
    {
        var op = b.Operator;
        if (IsInteger(l) && IsInteger(r))
        {
            try
            {
                if (l.Kind == SqlKind.UInt || r.Kind == SqlKind.UInt)
                {
                    // Unsigned arithmetic when either side is unsigned, as MySQL (and its out-of-range error).
                    var lu = l.Kind == SqlKind.UInt ? (decimal)l.UInt : l.Int;
                    var ru = r.Kind == SqlKind.UInt ? (decimal)r.UInt : r.Int;
                    var result = op switch { BinaryOperator.Add => lu + ru, BinaryOperator.Subtract => lu - ru, _ => lu * ru };
                    if (result < 0 || result > ulong.MaxValue) throw OutOfRange("BIGINT UNSIGNED", b);
                    return SqlValue.FromUInt((ulong)result);
                }
                return SqlValue.FromInt(op switch
                {
                    BinaryOperator.Add => checked(l.Int + r.Int),
                    BinaryOperator.Subtract => checked(l.Int - r.Int),
                    _ => checked(l.Int * r.Int),
                });
            }
            catch (OverflowException) { throw OutOfRange("BIGINT", b); }
        }
        if (IsExact(l) && IsExact(r))
        {
            try
            {
                var ld = l.ToDecimal();
                var rd = r.ToDecimal();
                return SqlValue.FromDecimal(op switch { BinaryOperator.Add => ld + rd, BinaryOperator.Subtract => ld - rd, _ => ld * rd });
            }
            catch (OverflowException) { throw OutOfRange("DECIMAL", b); }
        }
        var x = l.ToDouble();
        var y = r.ToDouble();
        var d = op switch { BinaryOperator.Add => x + y, BinaryOperator.Subtract => x - y, _ => x * y };
        if (double.IsInfinity(d)) throw OutOfRange("DOUBLE", b);
        return SqlValue.FromDouble(d);
    }

    /// <summary>'/' of exact numbers is DECIMAL with 4 more digits of scale; by zero it is NULL.</summary>
    private static SqlValue Divide(SqlValue l, SqlValue r)
    {
        if (IsExact(l) && IsExact(r))
        {
            var rd = r.ToDecimal();
            if (rd == 0) return SqlValue.Null;
            var ld = l.ToDecimal();
            var scale = Scale(ld) + DivPrecisionIncrement;
            return SqlValue.FromDecimal(WithScale(decimal.Round(ld / rd, Math.Min(scale, 28), MidpointRounding.AwayFromZero), Math.Min(scale, 28)));
        }
        var y = r.ToDouble();
        return y == 0 ? SqlValue.Null : SqlValue.FromDouble(l.ToDouble() / y);
    }

    private static SqlValue Modulo(SqlValue l, SqlValue r)
    {
        if (IsInteger(l) && IsInteger(r) && l.Kind == SqlKind.Int && r.Kind == SqlKind.Int)
            return r.Int == 0 ? SqlValue.Null : SqlValue.FromInt(r.Int == -1 ? 0 : l.Int % r.Int);
        if (IsExact(l) && IsExact(r))
        {
            var rd = r.ToDecimal();
            return rd == 0 ? SqlValue.Null : SqlValue.FromDecimal(l.ToDecimal() % rd);
        }
        var y = r.ToDouble();
        return y == 0 ? SqlValue.Null : SqlValue.FromDouble(l.ToDouble() % y);
    }

    private static bool IsInteger(SqlValue v) => v.Kind is SqlKind.Int or SqlKind.UInt;
    private static bool IsExact(SqlValue v) => v.Kind is SqlKind.Int or SqlKind.UInt or SqlKind.Decimal;

    internal static int Scale(decimal d) => (decimal.GetBits(d)[3] >> 16) & 0xFF;

    /// <summary><paramref name="d"/> printed with exactly <paramref name="scale"/> digits after the point.</summary>
    internal static decimal WithScale(decimal d, int scale)
    {
        d = decimal.Round(d, scale, MidpointRounding.AwayFromZero);
        return d + new decimal(0, 0, 0, false, (byte)scale);
    }

    private static MySqlErrorException OutOfRange(string type, BinaryExpression b) =>
        new(MySqlErrorCode.DataOutOfRange, type, b.ToString());
}
