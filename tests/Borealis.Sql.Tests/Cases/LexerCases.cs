namespace Borealis.Sql.Tests.Cases;

/// <summary>Tokens: (text, the token kinds the lexer gives, space-separated).</summary>
public static class LexerCases
{
    public static TheoryData<string, string> Cases => new()
    {
        { "select a from t", "Word Word Word Word" },
        { "`a``b` \"s\" 's'", "QuotedIdentifier String String" },
        { "1 1.5 .5 1e3 1.5e-3 0x1F 0b101 X'1F' b'01' N'n' 12abc 0xZZ", "Integer Decimal Decimal Float Float HexNumber BitNumber HexString BitString NationalString Word Word" },
        { "_utf8mb4'x' _binary 'y' _nosuchcharset", "Introducer String Introducer String Word" },
        { "? @a @'b c' @`d` @@x @ 'h'", "Placeholder UserVariable UserVariable UserVariable DoubleAt Word At String" },
        { "<=> <= >= <> != < > = := -> ->> || && | & ^ ~ ! << >> + - * / %", "NullSafeEqual LessOrEqual GreaterOrEqual NotEqual NotEqual Less Greater Equal Assign Arrow DoubleArrow DoublePipe DoubleAmpersand Pipe Ampersand Caret Tilde Bang ShiftLeft ShiftRight Plus Minus Star Slash Percent" },
        { "a -- comment\nb # other\nc /* block */ d", "Word Word Word Word" },
        { "a --x", "Word Minus Minus Word" },
        { "/*! select */ /*!40101 a */ /*!99999 b */ /*M!100100 c */ /*+ hint */ d", "Word Word Word" },
        { "/*!40101 SET NAMES utf8mb4 */", "Word Word Word" },
        { "t.1a t.`b` db.t.c", "Word Dot Word Word Dot QuotedIdentifier Word Dot Word Dot Word" },
        { "(a, b); {c}", "LeftParen Word Comma Word RightParen Semicolon LeftBrace Word RightBrace" },
        { "'it''s' 'back\\'slash'", "String String" },
    };
}
