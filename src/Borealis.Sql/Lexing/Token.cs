namespace Borealis.Sql.Lexing;

/// <summary>
/// One token: where it lies in the statement text and on which line (counted as MySQL counts
/// for its error messages). The text is sliced from the source only when the parser needs it.
/// </summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Start">Offset of the token's first character (for an introducer, the underscore).</param>
/// <param name="Length">Characters the token spans in the source.</param>
/// <param name="Line">1-based line of the token's first character.</param>
/// <param name="PrecededBySpace">Whether whitespace or a comment separates it from the previous token.</param>
public readonly record struct Token(TokenKind Kind, int Start, int Length, int Line, bool PrecededBySpace)
{
    public int End => Start + Length;
}
