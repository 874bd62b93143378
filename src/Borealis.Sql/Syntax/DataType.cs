namespace Borealis.Sql.Syntax;

/// <summary>The MySQL type families, synonyms already folded (INTEGER is Int, NUMERIC is Decimal, ...).</summary>
public enum DataTypeName
{
    TinyInt, SmallInt, MediumInt, Int, BigInt,
    Decimal, Float, Double,
    Bit,
    Char, VarChar, TinyText, Text, MediumText, LongText,
    Binary, VarBinary, TinyBlob, Blob, MediumBlob, LongBlob,
    Date, DateTime, Timestamp, Time, Year,
    Enum, Set,
    Json,
    Geometry, Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon, GeometryCollection,
}

/// <summary>
/// A column or CAST type.
/// </summary>
/// <param name="Name">The type family.</param>
/// <param name="Length">Display width for integers, M for DECIMAL/FLOAT/DOUBLE, length for strings and BIT, fsp for DATETIME/TIMESTAMP/TIME.</param>
/// <param name="Scale">D of DECIMAL(M,D) / FLOAT(M,D).</param>
/// <param name="Unsigned">UNSIGNED (also set by ZEROFILL, as MySQL does).</param>
/// <param name="Zerofill">ZEROFILL.</param>
/// <param name="Values">The members of ENUM/SET.</param>
/// <param name="CharacterSet">CHARACTER SET / CHARSET of a string type (BINARY attribute is "binary" collation, see <paramref name="BinaryCollation"/>).</param>
/// <param name="Collation">COLLATE of a string type.</param>
/// <param name="BinaryCollation">The BINARY attribute of CHAR/VARCHAR/TEXT: the charset's _bin collation.</param>
public sealed record DataType(
    DataTypeName Name,
    int? Length = null,
    int? Scale = null,
    bool Unsigned = false,
    bool Zerofill = false,
    ValueList<string> Values = default,
    string? CharacterSet = null,
    string? Collation = null,
    bool BinaryCollation = false) : SyntaxNode;
