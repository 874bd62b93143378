namespace Borealis.Sql.Lexing;

/// <summary>What a token is. Words (keywords and plain identifiers) share one kind; the parser
/// decides which keywords are reserved, as MySQL's grammar does.</summary>
public enum TokenKind : byte
{
    EndOfInput,
    Word,
    QuotedIdentifier,
    /// <summary>'..' or ".." (the latter unless ANSI_QUOTES).</summary>
    String,
    /// <summary>N'..' — a national-charset string.</summary>
    NationalString,
    /// <summary>X'..' — hex digits between the quotes.</summary>
    HexString,
    /// <summary>0x.. — hex digits after the prefix.</summary>
    HexNumber,
    /// <summary>B'..' — binary digits between the quotes.</summary>
    BitString,
    /// <summary>0b.. — binary digits after the prefix.</summary>
    BitNumber,
    Integer,
    Decimal,
    Float,
    /// <summary>_utf8mb4, _binary, ...: a charset introducer before a string or hex literal.</summary>
    Introducer,
    Placeholder,
    /// <summary>@name, @'name', @`name`, @"name": the text is the name without the @.</summary>
    UserVariable,
    /// <summary>@@ — a system variable follows as [scope .] name.</summary>
    DoubleAt,
    /// <summary>A lone @ (as in 'user'@'host').</summary>
    At,
    Comma,
    Semicolon,
    Dot,
    LeftParen,
    RightParen,
    LeftBrace,
    RightBrace,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Caret,
    Tilde,
    Bang,
    Ampersand,
    DoubleAmpersand,
    Pipe,
    DoublePipe,
    ShiftLeft,
    ShiftRight,
    Equal,
    NullSafeEqual,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    /// <summary>:=</summary>
    Assign,
    /// <summary>-></summary>
    Arrow,
    /// <summary>->></summary>
    DoubleArrow,
}
