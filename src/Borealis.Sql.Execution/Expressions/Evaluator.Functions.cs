using System.Globalization;
using System.Text;
using Borealis.Sql.Execution.Values;
using TemporalText = Borealis.Sql.Execution.Values.TemporalText;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Execution.Expressions;

internal sealed partial class Evaluator
{
    public static bool IsAggregate(string name) => name.ToUpperInvariant() is "COUNT" or "SUM" or "MIN" or "MAX" or "AVG";

    public static bool ContainsAggregate(Expression? e) => e switch
    {
        null => false,
        FunctionCall f => IsAggregate(f.Name) || f.Arguments.Any(ContainsAggregate),
        BinaryExpression b => ContainsAggregate(b.Left) || ContainsAggregate(b.Right),
        UnaryExpression u => ContainsAggregate(u.Operand),
        IsExpression i => ContainsAggregate(i.Operand),
        CaseExpression c => ContainsAggregate(c.Operand) || ContainsAggregate(c.Else) || c.Whens.Any(w => ContainsAggregate(w.Condition) || ContainsAggregate(w.Result)),
        _ => false,
    };

    private SqlValue Function(FunctionCall f, RowScope scope)
    {
        if (f.Over is not null) throw SqlErrors.NotSupported("window functions");
        var name = f.Name.ToUpperInvariant();
        if (IsAggregate(name)) return Aggregate(name, f, scope);
        switch (name)
        {
            case "LAST_INSERT_ID":
                if (f.Arguments.Count == 1)
                {
                    var v = Eval(f.Arguments[0], scope);
                    _session.LastInsertId = (ulong)v.ToInt64();
                    return v;
                }
                return SqlValue.FromUInt(_session.LastInsertId);
            case "ROW_COUNT": return SqlValue.FromInt(_session.PreviousRowCount);
            case "DATABASE" or "SCHEMA": return _session.CurrentDatabase is { } db ? SqlValue.FromString(db) : SqlValue.Null;
            case "VERSION": return SqlValue.FromString(SessionVariables.Version);
            case "CONNECTION_ID": return SqlValue.FromUInt(_session.ConnectionId);
            case "USER" or "SESSION_USER" or "SYSTEM_USER": return SqlValue.FromString(_session.UserAtHost);
            case "CURRENT_USER": return SqlValue.FromString(_session.CurrentUser);
            case "NOW" or "CURRENT_TIMESTAMP" or "LOCALTIME" or "LOCALTIMESTAMP" or "SYSDATE":
                return SqlValue.FromTemporal(DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
            case "CURDATE" or "CURRENT_DATE": return SqlValue.FromTemporal(DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        var args = new SqlValue[f.Arguments.Count];
        for (var i = 0; i < args.Length; i++) args[i] = Eval(f.Arguments[i], scope);
        switch (name)
        {
            case "COALESCE":
                foreach (var a in args) if (!a.IsNull) return a;
                return SqlValue.Null;
            case "IFNULL" when args.Length == 2: return args[0].IsNull ? args[1] : args[0];
            case "NULLIF" when args.Length == 2:
                return !args[0].IsNull && !args[1].IsNull && Comparison.Compare(args[0], args[1], CollationOf(f.Arguments[0], scope)) == 0 ? SqlValue.Null : args[0];
            case "IF" when args.Length == 3: return args[0].ToBool() == true ? args[1] : args[2];
        }
        foreach (var a in args) if (a.IsNull) return SqlValue.Null;
        return name switch
        {
            "CONCAT" => args[0].Kind == SqlKind.Bytes ? SqlValue.FromBytes([.. args.SelectMany(a => a.ToBytes())]) : SqlValue.FromString(string.Concat(args.Select(a => a.ToText()))),
            "LOWER" or "LCASE" when args.Length == 1 => SqlValue.FromString(args[0].ToText().ToLowerInvariant()),
            "UPPER" or "UCASE" when args.Length == 1 => SqlValue.FromString(args[0].ToText().ToUpperInvariant()),
            "LENGTH" or "OCTET_LENGTH" when args.Length == 1 => SqlValue.FromInt(args[0].ToBytes().Length),
            "CHAR_LENGTH" or "CHARACTER_LENGTH" when args.Length == 1 => SqlValue.FromInt(args[0].Kind == SqlKind.Bytes ? args[0].Bytes.Length : new StringInfo(args[0].ToText()).LengthInTextElements),
            "ABS" when args.Length == 1 => args[0].Kind switch
            {
                SqlKind.Int => SqlValue.FromInt(Math.Abs(args[0].Int)),
                SqlKind.UInt => args[0],
                SqlKind.Decimal => SqlValue.FromDecimal(Math.Abs(args[0].Decimal)),
                _ => SqlValue.FromDouble(Math.Abs(args[0].ToDouble())),
            },
            // MySqlConnector sends DateTime parameters in text as timestamp('...').
            "TIMESTAMP" when args.Length == 1 => Temporal(args[0].ToText(), dateOnly: false),
            "DATE" when args.Length == 1 => Temporal(args[0].ToText(), dateOnly: true),
            "HEX" when args.Length == 1 => SqlValue.FromString(args[0].IsNumeric ? args[0].ToInt64().ToString("X", CultureInfo.InvariantCulture) : Convert.ToHexString(args[0].ToBytes())),
            _ => throw SqlErrors.NotSupported("function " + name),
        };
    }

    /// <summary>TIMESTAMP(text) and DATE(text): the canonical text, NULL when it is not a date.</summary>
    private static SqlValue Temporal(string text, bool dateOnly)
    {
        if (!TemporalText.TryParse(text.Trim(), out var y, out var mo, out var d, out var h, out var mi, out var s, out var us)) return SqlValue.Null;
        var date = string.Create(CultureInfo.InvariantCulture, $"{y:D4}-{mo:D2}-{d:D2}");
        if (dateOnly) return SqlValue.FromTemporal(date);
        var time = string.Create(CultureInfo.InvariantCulture, $"{date} {h:D2}:{mi:D2}:{s:D2}");
        return SqlValue.FromTemporal(us == 0 ? time : time + "." + us.ToString("D6", CultureInfo.InvariantCulture));
    }

    /// <summary>An aggregate over the rows of the current group (all rows when there is no GROUP BY).</summary>
    private SqlValue Aggregate(string name, FunctionCall f, RowScope scope)
    {
        var group = scope.Group ?? throw SqlErrors.Of(MySql.MySqlErrorCode.InvalidGroupFuncUse);
        if (f.Distinct) throw SqlErrors.NotSupported(name + "(DISTINCT ...)");
        var saved = scope.Group;
        scope.Group = null;
        try
        {
            if (name == "COUNT")
            {
                if (f.StarArgument) return SqlValue.FromInt(group.Count);
                long count = 0;
                foreach (var row in group)
                {
                    scope.Row = row;
                    if (!Eval(f.Arguments[0], scope).IsNull) count++;
                }
                return SqlValue.FromInt(count);
            }
            if (f.Arguments.Count != 1) throw SqlErrors.NotSupported(name + " with " + f.Arguments.Count + " arguments");
            var collation = CollationOf(f.Arguments[0], scope);
            SqlValue best = SqlValue.Null;
            decimal sum = 0;
            double dsum = 0;
            var exact = true;
            long n = 0;
            foreach (var row in group)
            {
                scope.Row = row;
                var v = Eval(f.Arguments[0], scope);
                if (v.IsNull) continue;
                n++;
                switch (name)
                {
                    case "MIN": if (best.IsNull || Comparison.Compare(v, best, collation) < 0) best = v; break;
                    case "MAX": if (best.IsNull || Comparison.Compare(v, best, collation) > 0) best = v; break;
                    default:
                        if (exact && v.Kind is SqlKind.Int or SqlKind.UInt or SqlKind.Decimal) sum += v.ToDecimal();
                        else { exact = false; }
                        dsum += v.ToDouble();
                        break;
                }
            }
            if (name is "MIN" or "MAX") return best;
            if (n == 0) return SqlValue.Null;
            if (name == "SUM") return exact ? SqlValue.FromDecimal(sum) : SqlValue.FromDouble(dsum);
            // AVG of exact values: DECIMAL with 4 more digits of scale (div_precision_increment).
            if (!exact) return SqlValue.FromDouble(dsum / n);
            var scale = Math.Min(28, Scale(sum) + DivPrecisionIncrement);
            return SqlValue.FromDecimal(WithScale(sum / n, scale));
        }
        finally { scope.Group = saved; }
    }
}
