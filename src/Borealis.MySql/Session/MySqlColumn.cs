using Borealis.MySql.Protocol;

namespace Borealis.MySql;

/// <summary>
/// What the SQL layer says about one result column (or prepared-statement parameter). Made once
/// per statement, not per row.
/// </summary>
public sealed record MySqlColumn
{
    public MySqlColumn(string name, ColumnType type)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; init; }
    public ColumnType Type { get; init; }
    public string Schema { get; init; } = "";
    public string Table { get; init; } = "";
    public string? OrgTable { get; init; }
    public string? OrgName { get; init; }

    /// <summary>Collation id; 0 = the connection's (text types) or binary (63) for everything else.</summary>
    public ushort Collation { get; init; }

    /// <summary>Display length; connectors read it (MySqlConnector maps TINYINT(1) to bool, CHAR(36) to Guid).</summary>
    public uint Length { get; init; }

    public ColumnFlags Flags { get; init; }

    /// <summary>Fractional digits: DECIMAL scale, DATETIME/TIME fsp; 0x1F for "not fixed" (floats, strings).</summary>
    public byte Decimals { get; init; }

    /// <summary>Only for COM_FIELD_LIST.</summary>
    public string? DefaultValue { get; init; }

    public bool IsUnsigned => (Flags & ColumnFlags.Unsigned) != 0;

    /// <summary>Types that are not character data, so their column definition carries the binary collation.</summary>
    public static bool IsBinaryType(ColumnType type) => type switch
    {
        ColumnType.VarChar or ColumnType.VarString or ColumnType.String or ColumnType.Enum or ColumnType.Set
            or ColumnType.TinyBlob or ColumnType.Blob or ColumnType.MediumBlob or ColumnType.LongBlob or ColumnType.Json => false,
        _ => true,
    };
}
