using System.Collections.Frozen;

namespace Borealis.Sql.Lexing;

/// <summary>
/// Character set names MySQL 8 knows. A word <c>_name</c> is a charset introducer only when
/// <c>name</c> is one of these; otherwise it is an ordinary identifier (MySQL's lexer decides
/// the same way).
/// </summary>
internal static class CharacterSetNames
{
    private static readonly FrozenSet<string> Known = new[]
    {
        "armscii8", "ascii", "big5", "binary", "cp1250", "cp1251", "cp1256", "cp1257", "cp850",
        "cp852", "cp866", "cp932", "dec8", "eucjpms", "euckr", "gb18030", "gb2312", "gbk", "geostd8",
        "greek", "hebrew", "hp8", "keybcs2", "koi8r", "koi8u", "latin1", "latin2", "latin5", "latin7",
        "macce", "macroman", "sjis", "swe7", "tis620", "ucs2", "ujis", "utf16", "utf16le", "utf32",
        "utf8", "utf8mb3", "utf8mb4",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static bool IsKnown(ReadOnlySpan<char> name) => Known.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name);
}
