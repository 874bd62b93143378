using Borealis.Sql.Lexing;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Parsing;

/// <summary>Column types (with MySQL's synonyms folded) and CAST target types.</summary>
internal sealed partial class Parser
{
    private DataType ParseDataType()
    {
        var word = CurrentWordUpper ?? Fail<string>();
        Advance();
        DataType type;
        switch (word)
        {
            case "TINYINT" or "INT1": type = ParseIntegerType(DataTypeName.TinyInt); break;
            case "SMALLINT" or "INT2": type = ParseIntegerType(DataTypeName.SmallInt); break;
            case "MEDIUMINT" or "MIDDLEINT" or "INT3": type = ParseIntegerType(DataTypeName.MediumInt); break;
            case "INT" or "INTEGER" or "INT4": type = ParseIntegerType(DataTypeName.Int); break;
            case "BIGINT" or "INT8": type = ParseIntegerType(DataTypeName.BigInt); break;
            case "BOOL" or "BOOLEAN": type = new DataType(DataTypeName.TinyInt, Length: 1); break;
            case "SERIAL": type = new DataType(DataTypeName.BigInt, Unsigned: true); break;
            case "DECIMAL" or "DEC" or "NUMERIC" or "FIXED": type = ParseNumericType(DataTypeName.Decimal); break;
            case "FLOAT":
                type = ParseNumericType(DataTypeName.Float);
                // FLOAT(p) gives the precision in bits: above 24 it is a DOUBLE (and the p is not kept).
                if (type.Scale is null && type.Length is { } bits) type = type with { Name = bits > 24 ? DataTypeName.Double : DataTypeName.Float, Length = null };
                break;
            case "FLOAT4": type = ParseNumericType(DataTypeName.Float); break;
            case "DOUBLE":
                AcceptWord("PRECISION");
                type = ParseNumericType(DataTypeName.Double);
                break;
            case "REAL" or "FLOAT8": type = ParseNumericType(DataTypeName.Double); break;
            case "BIT": type = new DataType(DataTypeName.Bit, ParseOptionalLength()); break;
            case "CHAR" or "CHARACTER":
                type = AcceptWord("VARYING") ? new DataType(DataTypeName.VarChar, ParseRequiredLength()) : new DataType(DataTypeName.Char, ParseOptionalLength());
                break;
            case "NCHAR":
                type = AcceptWord("VARCHAR") || AcceptWord("VARYING")
                    ? new DataType(DataTypeName.VarChar, ParseRequiredLength(), CharacterSet: "utf8mb3")
                    : new DataType(DataTypeName.Char, ParseOptionalLength(), CharacterSet: "utf8mb3");
                break;
            case "NATIONAL":
                if (AcceptWord("VARCHAR") || AcceptWord("VARCHARACTER")) type = new DataType(DataTypeName.VarChar, ParseRequiredLength(), CharacterSet: "utf8mb3");
                else if (AcceptWord("CHAR") || AcceptWord("CHARACTER"))
                {
                    type = AcceptWord("VARYING")
                        ? new DataType(DataTypeName.VarChar, ParseRequiredLength(), CharacterSet: "utf8mb3")
                        : new DataType(DataTypeName.Char, ParseOptionalLength(), CharacterSet: "utf8mb3");
                }
                else throw Error();
                break;
            case "NVARCHAR": type = new DataType(DataTypeName.VarChar, ParseRequiredLength(), CharacterSet: "utf8mb3"); break;
            case "VARCHAR" or "VARCHARACTER": type = new DataType(DataTypeName.VarChar, ParseRequiredLength()); break;
            case "BINARY": type = new DataType(DataTypeName.Binary, ParseOptionalLength()); break;
            case "VARBINARY": type = new DataType(DataTypeName.VarBinary, ParseRequiredLength()); break;
            case "TINYBLOB": type = new DataType(DataTypeName.TinyBlob); break;
            case "BLOB": type = new DataType(DataTypeName.Blob, ParseOptionalLength()); break;
            case "MEDIUMBLOB": type = new DataType(DataTypeName.MediumBlob); break;
            case "LONGBLOB": type = new DataType(DataTypeName.LongBlob); break;
            case "TINYTEXT": type = new DataType(DataTypeName.TinyText); break;
            case "TEXT": type = new DataType(DataTypeName.Text, ParseOptionalLength()); break;
            case "MEDIUMTEXT": type = new DataType(DataTypeName.MediumText); break;
            case "LONGTEXT": type = new DataType(DataTypeName.LongText); break;
            case "LONG":
                if (AcceptWord("VARBINARY")) type = new DataType(DataTypeName.MediumBlob);
                else
                {
                    if (!AcceptWord("VARCHAR")) AcceptWords("CHAR", "VARYING");
                    type = new DataType(DataTypeName.MediumText);
                }
                break;
            case "DATE": type = new DataType(DataTypeName.Date); break;
            case "TIME": type = new DataType(DataTypeName.Time, ParseOptionalLength()); break;
            case "DATETIME": type = new DataType(DataTypeName.DateTime, ParseOptionalLength()); break;
            case "TIMESTAMP": type = new DataType(DataTypeName.Timestamp, ParseOptionalLength()); break;
            case "YEAR": type = new DataType(DataTypeName.Year, ParseOptionalLength()); break;
            case "ENUM": type = new DataType(DataTypeName.Enum, Values: ParseEnumValues()); break;
            case "SET": type = new DataType(DataTypeName.Set, Values: ParseEnumValues()); break;
            case "JSON": type = new DataType(DataTypeName.Json); break;
            case "GEOMETRY": type = new DataType(DataTypeName.Geometry); break;
            case "POINT": type = new DataType(DataTypeName.Point); break;
            case "LINESTRING": type = new DataType(DataTypeName.LineString); break;
            case "POLYGON": type = new DataType(DataTypeName.Polygon); break;
            case "MULTIPOINT": type = new DataType(DataTypeName.MultiPoint); break;
            case "MULTILINESTRING": type = new DataType(DataTypeName.MultiLineString); break;
            case "MULTIPOLYGON": type = new DataType(DataTypeName.MultiPolygon); break;
            case "GEOMETRYCOLLECTION" or "GEOMCOLLECTION": type = new DataType(DataTypeName.GeometryCollection); break;
            default: throw ErrorAt(previous);
        }
        return IsStringType(type.Name) ? ParseStringTypeAttributes(type) : type;
    }

    private static bool IsStringType(DataTypeName name) => name is DataTypeName.Char or DataTypeName.VarChar or DataTypeName.TinyText
        or DataTypeName.Text or DataTypeName.MediumText or DataTypeName.LongText or DataTypeName.Enum or DataTypeName.Set;

    private DataType ParseIntegerType(DataTypeName name) => ParseNumericAttributes(new DataType(name, ParseOptionalLength()));

    /// <summary>DECIMAL[(M[,D])], FLOAT[(M,D)], DOUBLE[(M,D)], then UNSIGNED/ZEROFILL.</summary>
    private DataType ParseNumericType(DataTypeName name)
    {
        int? length = null, scale = null;
        if (Accept(TokenKind.LeftParen))
        {
            length = ParseSmallInteger();
            if (Accept(TokenKind.Comma)) scale = ParseSmallInteger();
            Expect(TokenKind.RightParen);
        }
        return ParseNumericAttributes(new DataType(name, length, scale));
    }

    private DataType ParseNumericAttributes(DataType type)
    {
        while (true)
        {
            if (AcceptWord("UNSIGNED")) type = type with { Unsigned = true };
            else if (AcceptWord("SIGNED")) { }
            // ZEROFILL implies UNSIGNED in MySQL.
            else if (AcceptWord("ZEROFILL")) type = type with { Zerofill = true, Unsigned = true };
            else return type;
        }
    }

    private int? ParseOptionalLength()
    {
        if (!Accept(TokenKind.LeftParen)) return null;
        var length = ParseSmallInteger();
        Expect(TokenKind.RightParen);
        return length;
    }

    private int ParseRequiredLength() => ParseOptionalLength() ?? Fail<int>();

    private ValueList<string> ParseEnumValues()
    {
        Expect(TokenKind.LeftParen);
        var values = new List<string>();
        do values.Add(ParseStringValue());
        while (Accept(TokenKind.Comma));
        Expect(TokenKind.RightParen);
        return values.ToValueList();
    }

    /// <summary>[CHARACTER SET|CHARSET cs] [COLLATE co] [BINARY] [ASCII] [UNICODE], in any order.</summary>
    private DataType ParseStringTypeAttributes(DataType type)
    {
        while (true)
        {
            if (AtWords("CHARACTER", "SET") || AtWord("CHARSET"))
            {
                if (AcceptWord("CHARSET")) { } else ExpectWords("CHARACTER", "SET");
                type = type with { CharacterSet = ParseCharsetOrCollationName() };
            }
            else if (AtWord("COLLATE"))
            {
                Advance();
                type = type with { Collation = ParseCharsetOrCollationName() };
            }
            else if (AcceptWord("BINARY")) type = type with { BinaryCollation = true };
            else if (AcceptWord("ASCII")) type = type with { CharacterSet = "latin1" };
            else if (AcceptWord("UNICODE")) type = type with { CharacterSet = "ucs2" };
            else return type;
        }
    }

    /// <summary>A charset or collation name: identifier, string, or the reserved word BINARY.</summary>
    private string ParseCharsetOrCollationName()
    {
        if (AcceptWord("BINARY")) return "binary";
        return ParseIdentifierOrString();
    }

    /// <summary>CAST/CONVERT targets: BINARY, CHAR, NCHAR, DATE, DATETIME, TIME, DECIMAL, SIGNED, UNSIGNED, JSON, DOUBLE, FLOAT, REAL, YEAR.</summary>
    private DataType ParseCastType()
    {
        var word = CurrentWordUpper ?? Fail<string>();
        Advance();
        switch (word)
        {
            case "BINARY": return new DataType(DataTypeName.Binary, ParseOptionalLength());
            case "CHAR" or "CHARACTER":
                var charType = new DataType(DataTypeName.Char, ParseOptionalLength());
                if (AtWords("CHARACTER", "SET") || AtWord("CHARSET"))
                {
                    if (!AcceptWord("CHARSET")) ExpectWords("CHARACTER", "SET");
                    charType = charType with { CharacterSet = ParseCharsetOrCollationName() };
                }
                else if (AcceptWord("ASCII")) charType = charType with { CharacterSet = "latin1" };
                else if (AcceptWord("UNICODE")) charType = charType with { CharacterSet = "ucs2" };
                return charType;
            case "NCHAR": return new DataType(DataTypeName.Char, ParseOptionalLength(), CharacterSet: "utf8mb3");
            case "DATE": return new DataType(DataTypeName.Date);
            case "DATETIME": return new DataType(DataTypeName.DateTime, ParseOptionalLength());
            case "TIME": return new DataType(DataTypeName.Time, ParseOptionalLength());
            case "DECIMAL" or "DEC":
                int? precision = null, scale = null;
                if (Accept(TokenKind.LeftParen))
                {
                    precision = ParseSmallInteger();
                    if (Accept(TokenKind.Comma)) scale = ParseSmallInteger();
                    Expect(TokenKind.RightParen);
                }
                return new DataType(DataTypeName.Decimal, precision, scale);
            case "SIGNED":
                if (!AcceptWord("INTEGER")) AcceptWord("INT");
                return new DataType(DataTypeName.BigInt);
            case "UNSIGNED":
                if (!AcceptWord("INTEGER")) AcceptWord("INT");
                return new DataType(DataTypeName.BigInt, Unsigned: true);
            case "JSON": return new DataType(DataTypeName.Json);
            case "DOUBLE":
                AcceptWord("PRECISION");
                return new DataType(DataTypeName.Double);
            case "REAL": return new DataType(DataTypeName.Double);
            case "FLOAT":
                var bits = ParseOptionalLength();
                return new DataType(bits > 24 ? DataTypeName.Double : DataTypeName.Float);
            case "YEAR": return new DataType(DataTypeName.Year);
            default: throw ErrorAt(previous);
        }
    }
}
