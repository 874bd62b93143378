using System.Globalization;
using Borealis.MySql;
using Borealis.MySql.Protocol;
using Borealis.Sql.Execution.Catalog;
using Borealis.Sql.Execution.Values;
using Borealis.Sql.Syntax;
using WireType = Borealis.MySql.Protocol.ColumnType;

namespace Borealis.Sql.Execution;

/// <summary>Column metadata and value encoding for result sets.</summary>
internal static class ResultSet
{
    private const ushort Utf8mb4 = 255;
    private const ushort BinaryCollation = 63;

    /// <summary>A table column as a result column (names, type, flags, collation as mysqld sends them).</summary>
    public static MySqlColumn ColumnOf(TableRuntime table, ColumnDef c, string name)
    {
        var flags = ColumnFlags.None;
        if (!c.Nullable) flags |= ColumnFlags.NotNull;
        if (c.Unsigned) flags |= ColumnFlags.Unsigned;
        if (c.AutoIncrement) flags |= ColumnFlags.AutoIncrement;
        var ordinal = table.Def.FindColumn(c.Name);
        if (Array.IndexOf(table.Def.PrimaryKey, ordinal) >= 0) flags |= ColumnFlags.PrimaryKey;
        var isString = TypeMapping.IsString(c.Type);
        if (!isString && !TypeMapping.IsInteger(c.Type) && c.Type is not (DataTypeName.Decimal or DataTypeName.Double or DataTypeName.Float)) flags |= ColumnFlags.Binary;
        if (TypeMapping.IsBinary(c.Type) || c.Type is DataTypeName.Text or DataTypeName.TinyText or DataTypeName.MediumText or DataTypeName.LongText) flags |= ColumnFlags.Blob;
        if (TypeMapping.IsInteger(c.Type) || c.Type is DataTypeName.Decimal or DataTypeName.Double or DataTypeName.Float) flags |= ColumnFlags.Number;
        var length = c.Type switch
        {
            DataTypeName.TinyInt => 4u, DataTypeName.SmallInt => 6u, DataTypeName.MediumInt => 9u, DataTypeName.Int => 11u, DataTypeName.BigInt => 20u,
            DataTypeName.Double => 22u, DataTypeName.Float => 12u,
            DataTypeName.Decimal => (uint)((c.Length ?? 10) + 2),
            DataTypeName.Date => 10u, DataTypeName.DateTime or DataTypeName.Timestamp => 19u + (uint)(c.Length is > 0 ? c.Length.Value + 1 : 0),
            _ => (uint)Math.Min(uint.MaxValue, TypeMapping.MaxLength(c) * (isString ? 4 : 1)),
        };
        return new MySqlColumn(name, TypeMapping.ToWire(c.Type))
        {
            Schema = table.Def.Database,
            Table = table.Def.Name,
            OrgTable = table.Def.Name,
            OrgName = c.Name,
            Flags = flags,
            Length = length,
            Collation = isString ? (ushort)c.CollationId : BinaryCollation,
            Decimals = c.Type switch
            {
                DataTypeName.Decimal => (byte)(c.Scale ?? 0),
                DataTypeName.Double or DataTypeName.Float => 31,
                DataTypeName.DateTime or DataTypeName.Timestamp => (byte)(c.Length ?? 0),
                _ => 0,
            },
        };
    }

    /// <summary>An expression's result column, typed by the values it produced (the first non-NULL one).</summary>
    public static MySqlColumn ColumnOfValues(string name, List<SqlValue[]> rows, int index)
    {
        var kind = SqlKind.Null;
        var maxScale = 0;
        var maxLength = 0;
        foreach (var row in rows)
        {
            var v = row[index];
            if (v.IsNull) continue;
            if (kind == SqlKind.Null) kind = v.Kind;
            if (v.Kind == SqlKind.Decimal) maxScale = Math.Max(maxScale, Expressions.Evaluator.Scale(v.Decimal));
            if (v.Kind is SqlKind.String or SqlKind.Temporal) maxLength = Math.Max(maxLength, v.String.Length);
        }
        return kind switch
        {
            SqlKind.Int => new MySqlColumn(name, WireType.LongLong) { Length = 21, Flags = ColumnFlags.Binary | ColumnFlags.Number, Collation = BinaryCollation },
            SqlKind.UInt => new MySqlColumn(name, WireType.LongLong) { Length = 20, Flags = ColumnFlags.Binary | ColumnFlags.Number | ColumnFlags.Unsigned, Collation = BinaryCollation },
            SqlKind.Decimal => new MySqlColumn(name, WireType.NewDecimal) { Length = 67, Decimals = (byte)maxScale, Flags = ColumnFlags.Binary | ColumnFlags.Number, Collation = BinaryCollation },
            SqlKind.Double => new MySqlColumn(name, WireType.Double) { Length = 23, Decimals = 31, Flags = ColumnFlags.Binary | ColumnFlags.Number, Collation = BinaryCollation },
            SqlKind.Bytes => new MySqlColumn(name, WireType.Blob) { Length = 65535, Flags = ColumnFlags.Binary | ColumnFlags.Blob, Collation = BinaryCollation },
            SqlKind.Temporal when maxLength <= 10 => new MySqlColumn(name, WireType.Date) { Length = 10, Flags = ColumnFlags.Binary, Collation = BinaryCollation },
            SqlKind.Temporal => new MySqlColumn(name, WireType.DateTime) { Length = 26, Flags = ColumnFlags.Binary, Collation = BinaryCollation, Decimals = (byte)(maxLength > 19 ? maxLength - 20 : 0) },
            SqlKind.Null => new MySqlColumn(name, WireType.Null) { Length = 0, Flags = ColumnFlags.Binary, Collation = BinaryCollation },
            _ => new MySqlColumn(name, WireType.VarString) { Length = (uint)Math.Max(1, maxLength * 4), Collation = Utf8mb4 },
        };
    }

    public static MySqlColumn Text(string name) => new(name, WireType.VarString) { Length = 256, Collation = Utf8mb4 };

    public static MySqlColumn Integer(string name) => new(name, WireType.LongLong) { Length = 21, Flags = ColumnFlags.Binary | ColumnFlags.Number, Collation = BinaryCollation };

    public static async ValueTask WriteAsync(MySqlResultWriter results, IReadOnlyList<MySqlColumn> columns, List<SqlValue[]> rows, CancellationToken cancellationToken)
    {
        results.StartResultSet(columns);
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results.StartRow();
            for (var i = 0; i < columns.Count; i++) WriteValue(results, columns[i], row[i]);
            await results.EndRowAsync().ConfigureAwait(false);
        }
        results.EndResultSet();
    }

    /// <summary>Writes a value as its result column's type asks (the binary protocol needs the exact width).</summary>
    private static void WriteValue(MySqlResultWriter results, MySqlColumn column, SqlValue v)
    {
        if (v.IsNull) { results.WriteNull(); return; }
        switch (column.Type)
        {
            case WireType.Tiny or WireType.Short or WireType.Int24 or WireType.Long or WireType.LongLong or WireType.Year:
                if (v.Kind == SqlKind.UInt || column.IsUnsigned) results.WriteUInt64(v.Kind == SqlKind.UInt ? v.UInt : (ulong)v.ToInt64());
                else results.WriteInt64(v.ToInt64());
                return;
            case WireType.Double: results.WriteDouble(v.ToDouble()); return;
            case WireType.Float: results.WriteFloat((float)v.ToDouble()); return;
            case WireType.NewDecimal or WireType.Decimal:
                results.WriteString(v.Kind == SqlKind.Decimal ? v.Decimal.ToString(CultureInfo.InvariantCulture) : v.ToText());
                return;
            case WireType.Date or WireType.DateTime or WireType.Timestamp when TemporalText.TryParse(v.ToText(), out var y, out var mo, out var d, out var h, out var mi, out var s, out var us):
                results.WriteDateTime(new MySqlDateTime(y, mo, d, h, mi, s, us));
                return;
            default:
                if (v.Kind == SqlKind.Bytes) results.WriteString(v.Bytes);
                else results.WriteString(v.ToText());
                return;
        }
    }
}
