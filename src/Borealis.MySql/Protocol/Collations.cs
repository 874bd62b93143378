namespace Borealis.MySql.Protocol;

/// <summary>
/// Collation ids the protocol layer needs to know by number (the rest are the SQL layer's).
/// https://dev.mysql.com/doc/refman/8.0/en/information-schema-collations-table.html
/// </summary>
public static class Collations
{
    /// <summary>utf8mb4_0900_ai_ci: MySQL 8.0's default, sent in the initial handshake.</summary>
    public const ushort Utf8Mb4_0900_ai_ci = 255;

    public const ushort Utf8Mb4_general_ci = 45;

    public const ushort Utf8Mb4_bin = 46;

    public const ushort Utf8_general_ci = 33;

    /// <summary>The "binary" pseudo-charset: numbers, dates and BLOBs carry it in column definitions.</summary>
    public const ushort Binary = 63;
}
