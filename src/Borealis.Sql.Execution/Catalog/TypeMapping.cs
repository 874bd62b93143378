using Borealis.Engine.Keys;
using Borealis.Engine.Rows;
using Borealis.Sql.Syntax;
using WireType = Borealis.MySql.Protocol.ColumnType;

namespace Borealis.Sql.Execution.Catalog;

/// <summary>From the parser's data types to catalog columns, engine column types and wire types.</summary>
internal static class TypeMapping
{
    public static bool IsString(DataTypeName t) => t is DataTypeName.Char or DataTypeName.VarChar or DataTypeName.TinyText or DataTypeName.Text
        or DataTypeName.MediumText or DataTypeName.LongText;

    public static bool IsBinary(DataTypeName t) => t is DataTypeName.Binary or DataTypeName.VarBinary or DataTypeName.TinyBlob or DataTypeName.Blob
        or DataTypeName.MediumBlob or DataTypeName.LongBlob;

    public static bool IsInteger(DataTypeName t) => t is DataTypeName.TinyInt or DataTypeName.SmallInt or DataTypeName.MediumInt or DataTypeName.Int or DataTypeName.BigInt;

    public static bool IsTemporal(DataTypeName t) => t is DataTypeName.Date or DataTypeName.DateTime or DataTypeName.Timestamp;

    /// <summary>Whether this slice stores the type; others answer 1235.</summary>
    public static bool IsSupported(DataTypeName t) => IsString(t) || IsBinary(t) || IsInteger(t) || IsTemporal(t)
        || t is DataTypeName.Decimal or DataTypeName.Double or DataTypeName.Float;

    public static Collation CollationByName(string name) => name.ToLowerInvariant() switch
    {
        "utf8mb4_0900_ai_ci" => Collation.Utf8mb40900AiCi,
        "utf8mb4_general_ci" or "utf8_general_ci" or "utf8mb3_general_ci" => Collation.Utf8mb4GeneralCi,
        "utf8mb4_bin" or "utf8_bin" or "utf8mb3_bin" => Collation.Utf8mb4Bin,
        "utf8mb4_0900_bin" => Collation.Utf8mb40900Bin,
        "binary" => Collation.Binary,
        _ => throw SqlErrors.NotSupported("collation " + name),
    };

    public static Collation DefaultCollationOf(string charset) => charset.ToLowerInvariant() switch
    {
        "utf8mb4" => Collation.Utf8mb40900AiCi,
        "utf8" or "utf8mb3" => Collation.Utf8mb4GeneralCi,
        "binary" => Collation.Binary,
        _ => throw SqlErrors.NotSupported("character set " + charset),
    };

    /// <summary>Engine type of a catalog column.</summary>
    public static ColumnType ToEngine(ColumnDef c)
    {
        var n = c.Nullable;
        return c.Type switch
        {
            DataTypeName.TinyInt => ColumnType.Integer(ColumnKind.Int8, c.Unsigned, n),
            DataTypeName.SmallInt => ColumnType.Integer(ColumnKind.Int16, c.Unsigned, n),
            DataTypeName.MediumInt => ColumnType.Integer(ColumnKind.Int24, c.Unsigned, n),
            DataTypeName.Int => ColumnType.Integer(ColumnKind.Int32, c.Unsigned, n),
            DataTypeName.BigInt => ColumnType.Integer(ColumnKind.Int64, c.Unsigned, n),
            DataTypeName.Double => ColumnType.Double(n),
            DataTypeName.Float => ColumnType.Float(n),
            DataTypeName.Decimal => ColumnType.Decimal(c.Length ?? 10, c.Scale ?? 0, n),
            DataTypeName.Char => ColumnType.String(ColumnKind.Char, c.Length ?? 1, Collation.FromId(c.CollationId), n),
            DataTypeName.VarChar => ColumnType.String(ColumnKind.VarChar, c.Length ?? 255, Collation.FromId(c.CollationId), n),
            DataTypeName.TinyText => ColumnType.String(ColumnKind.Text, 255, Collation.FromId(c.CollationId), n),
            DataTypeName.Text => ColumnType.String(ColumnKind.Text, 65535, Collation.FromId(c.CollationId), n),
            DataTypeName.MediumText => ColumnType.String(ColumnKind.Text, 16777215, Collation.FromId(c.CollationId), n),
            DataTypeName.LongText => ColumnType.String(ColumnKind.Text, uint.MaxValue, Collation.FromId(c.CollationId), n),
            DataTypeName.Binary => ColumnType.Bytes(ColumnKind.Binary, c.Length ?? 1, n),
            DataTypeName.VarBinary => ColumnType.Bytes(ColumnKind.VarBinary, c.Length ?? 255, n),
            DataTypeName.TinyBlob => ColumnType.Bytes(ColumnKind.Blob, 255, n),
            DataTypeName.Blob => ColumnType.Bytes(ColumnKind.Blob, 65535, n),
            DataTypeName.MediumBlob => ColumnType.Bytes(ColumnKind.Blob, 16777215, n),
            DataTypeName.LongBlob => ColumnType.Bytes(ColumnKind.Blob, uint.MaxValue, n),
            DataTypeName.Date => ColumnType.Temporal(ColumnKind.Date, 0, n),
            DataTypeName.DateTime => ColumnType.Temporal(ColumnKind.DateTime, c.Length ?? 0, n),
            DataTypeName.Timestamp => ColumnType.Temporal(ColumnKind.Timestamp, c.Length ?? 0, n),
            _ => throw SqlErrors.NotSupported("column type " + c.Type.ToString().ToUpperInvariant()),
        };
    }

    /// <summary>Maximum length in characters (strings) or bytes, for 1406 checks.</summary>
    public static long MaxLength(ColumnDef c) => c.Type switch
    {
        DataTypeName.Char => c.Length ?? 1,
        DataTypeName.VarChar => c.Length ?? 255,
        DataTypeName.Binary => c.Length ?? 1,
        DataTypeName.VarBinary => c.Length ?? 255,
        DataTypeName.TinyText or DataTypeName.TinyBlob => 255,
        DataTypeName.Text or DataTypeName.Blob => 65535,
        DataTypeName.MediumText or DataTypeName.MediumBlob => 16777215,
        _ => uint.MaxValue,
    };

    public static WireType ToWire(DataTypeName t) => t switch
    {
        DataTypeName.TinyInt => WireType.Tiny,
        DataTypeName.SmallInt => WireType.Short,
        DataTypeName.MediumInt => WireType.Int24,
        DataTypeName.Int => WireType.Long,
        DataTypeName.BigInt => WireType.LongLong,
        DataTypeName.Double => WireType.Double,
        DataTypeName.Float => WireType.Float,
        DataTypeName.Decimal => WireType.NewDecimal,
        DataTypeName.Char or DataTypeName.Binary => WireType.String,
        DataTypeName.VarChar or DataTypeName.VarBinary => WireType.VarString,
        DataTypeName.Date => WireType.Date,
        DataTypeName.DateTime => WireType.DateTime,
        DataTypeName.Timestamp => WireType.Timestamp,
        _ => WireType.Blob,
    };

    /// <summary>The type as SHOW CREATE TABLE and DESCRIBE print it.</summary>
    public static string SqlText(ColumnDef c)
    {
        var name = c.Type switch
        {
            DataTypeName.TinyInt => "tinyint",
            DataTypeName.SmallInt => "smallint",
            DataTypeName.MediumInt => "mediumint",
            DataTypeName.Int => "int",
            DataTypeName.BigInt => "bigint",
            DataTypeName.Double => "double",
            DataTypeName.Float => "float",
            DataTypeName.Decimal => $"decimal({c.Length ?? 10},{c.Scale ?? 0})",
            DataTypeName.Char => $"char({c.Length ?? 1})",
            DataTypeName.VarChar => $"varchar({c.Length ?? 255})",
            DataTypeName.Binary => $"binary({c.Length ?? 1})",
            DataTypeName.VarBinary => $"varbinary({c.Length ?? 255})",
            DataTypeName.DateTime when c.Length is > 0 => $"datetime({c.Length})",
            DataTypeName.Timestamp when c.Length is > 0 => $"timestamp({c.Length})",
            _ => c.Type.ToString().ToLowerInvariant(),
        };
        return c.Unsigned ? name + " unsigned" : name;
    }
}
