namespace Borealis.Sql.Lexing;

/// <summary>
/// Splits MySQL statement text into tokens on demand, without allocating per token.
/// Lines are counted the way MySQL reports them: from 1 at the first non-blank character of
/// each statement, because MySQL parses every statement of a multi-statement packet on its
/// own after skipping the blanks that follow the previous <c>;</c>.
/// </summary>
internal sealed class Lexer
{
    private readonly string text;
    private readonly int end;
    private readonly SqlParserOptions options;
    private int position;
    private int line = 1;
    private bool insideVersionComment;

    /// <param name="text">The whole statement text.</param>
    /// <param name="start">Where lexing starts (after the blanks and semicolons MySQL strips).</param>
    /// <param name="end">Where lexing stops (before the trailing blanks and semicolons MySQL strips).</param>
    public Lexer(string text, int start, int end, SqlParserOptions options)
    {
        this.text = text;
        this.end = end;
        this.options = options;
        position = start;
    }

    public string Text => text;

    private bool BackslashEscapes => (options.Modes & SqlLexicalModes.NoBackslashEscapes) == 0;

    public Token Next()
    {
        var spaced = SkipBlanksAndComments();
        var start = position;
        if (position >= end) return new Token(TokenKind.EndOfInput, end, 0, line, spaced);
        var c = text[position];
        var tokenLine = line;
        var kind = c switch
        {
            '\'' => LexString('\'', start),
            '"' => (options.Modes & SqlLexicalModes.AnsiQuotes) != 0 ? LexQuotedIdentifier('"', start) : LexString('"', start),
            '`' => LexQuotedIdentifier('`', start),
            '@' => LexAt(start),
            '?' => Single(TokenKind.Placeholder),
            ',' => Single(TokenKind.Comma),
            ';' => Single(TokenKind.Semicolon),
            '(' => Single(TokenKind.LeftParen),
            ')' => Single(TokenKind.RightParen),
            '{' => Single(TokenKind.LeftBrace),
            '}' => Single(TokenKind.RightBrace),
            '+' => Single(TokenKind.Plus),
            '*' => Single(TokenKind.Star),
            '/' => Single(TokenKind.Slash),
            '%' => Single(TokenKind.Percent),
            '^' => Single(TokenKind.Caret),
            '~' => Single(TokenKind.Tilde),
            '=' => Single(TokenKind.Equal),
            '-' => Follows(1, '>') ? (Follows(2, '>') ? Multi(3, TokenKind.DoubleArrow) : Multi(2, TokenKind.Arrow)) : Single(TokenKind.Minus),
            '!' => Follows(1, '=') ? Multi(2, TokenKind.NotEqual) : Single(TokenKind.Bang),
            '&' => Follows(1, '&') ? Multi(2, TokenKind.DoubleAmpersand) : Single(TokenKind.Ampersand),
            '|' => Follows(1, '|') ? Multi(2, TokenKind.DoublePipe) : Single(TokenKind.Pipe),
            ':' => Follows(1, '=') ? Multi(2, TokenKind.Assign) : throw Error(start),
            '<' => LexLess(),
            '>' => Follows(1, '=') ? Multi(2, TokenKind.GreaterOrEqual) : Follows(1, '>') ? Multi(2, TokenKind.ShiftRight) : Single(TokenKind.Greater),
            '.' => position + 1 < end && char.IsAsciiDigit(text[position + 1]) && !PreviousIsNamePart(start) ? LexNumber(start) : Single(TokenKind.Dot),
            _ when char.IsAsciiDigit(c) => LexNumber(start),
            _ when IsIdentifierChar(c) => LexWord(start),
            _ => throw Error(start),
        };
        var token = new Token(kind, start, position - start, tokenLine, spaced);
        if (kind == TokenKind.Semicolon) StartNextStatement();
        return token;
    }

    /// <summary>MySQL restarts line counting for each statement of a multi-statement text,
    /// after skipping the blanks that follow the semicolon.</summary>
    private void StartNextStatement()
    {
        while (position < end && char.IsWhiteSpace(text[position])) position++;
        line = 1;
    }

    public SqlSyntaxException Error(int offset) => SqlSyntaxException.At(text, offset, end, LineAt(offset));

    /// <summary>The MySQL line number of an offset at or after the current token.</summary>
    private int LineAt(int offset)
    {
        var result = line;
        for (var i = position; i < offset && i < text.Length; i++) if (text[i] == '\n') result++;
        return result;
    }

    private TokenKind Single(TokenKind kind)
    {
        position++;
        return kind;
    }

    private TokenKind Multi(int length, TokenKind kind)
    {
        position += length;
        return kind;
    }

    private bool Follows(int distance, char c) => position + distance < end && text[position + distance] == c;

    private TokenKind LexLess()
    {
        if (Follows(1, '=')) return Follows(2, '>') ? Multi(3, TokenKind.NullSafeEqual) : Multi(2, TokenKind.LessOrEqual);
        if (Follows(1, '>')) return Multi(2, TokenKind.NotEqual);
        if (Follows(1, '<')) return Multi(2, TokenKind.ShiftLeft);
        return Single(TokenKind.Less);
    }

    /// <summary>A dot right after a name (t.5 would be odd, but a.b.c is not) is a qualifier dot.</summary>
    private bool PreviousIsNamePart(int start) =>
        start > 0 && (IsIdentifierChar(text[start - 1]) || text[start - 1] == '`');

    internal static bool IsIdentifierChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c == '_' || c == '$' || c >= '\u0080';

    private TokenKind LexString(char quote, int start)
    {
        position = SkipQuoted(start, quote, BackslashEscapes);
        return TokenKind.String;
    }

    private TokenKind LexQuotedIdentifier(char quote, int start)
    {
        position = SkipQuoted(start, quote, backslashEscapes: false);
        return TokenKind.QuotedIdentifier;
    }

    /// <summary>Returns the offset after the closing quote of the literal opening at <paramref name="start"/>.</summary>
    private int SkipQuoted(int start, char quote, bool backslashEscapes, int errorOffset = -1)
    {
        // Newlines inside quotes do not advance MySQL's line count (only blanks and comments do).
        var startLine = line;
        var i = start + 1;
        while (i < end)
        {
            var c = text[i];
            if (c == '\\' && backslashEscapes)
            {
                i += 2;
                continue;
            }
            if (c == quote)
            {
                if (i + 1 < end && text[i + 1] == quote) { i += 2; continue; }
                return i + 1;
            }
            i++;
        }
        throw SqlSyntaxException.At(text, errorOffset >= 0 ? errorOffset : start, end, startLine);
    }

    private TokenKind LexAt(int start)
    {
        if (Follows(1, '@')) return Multi(2, TokenKind.DoubleAt);
        position++;
        if (position < end)
        {
            var c = text[position];
            if (c is '\'' or '"' or '`')
            {
                position = SkipQuoted(position, c, c != '`' && BackslashEscapes, errorOffset: start);
                return TokenKind.UserVariable;
            }
            if (IsIdentifierChar(c) || c == '.')
            {
                while (position < end && (IsIdentifierChar(text[position]) || text[position] == '.')) position++;
                return TokenKind.UserVariable;
            }
        }
        return TokenKind.At;
    }

    private TokenKind LexNumber(int start)
    {
        var i = start;
        if (text[i] == '0' && i + 1 < end && (text[i + 1] is 'x' or 'b'))
        {
            var hex = text[i + 1] == 'x';
            var j = i + 2;
            while (j < end && (hex ? char.IsAsciiHexDigit(text[j]) : text[j] is '0' or '1')) j++;
            if (j > i + 2 && (j >= end || !IsIdentifierChar(text[j])))
            {
                position = j;
                return hex ? TokenKind.HexNumber : TokenKind.BitNumber;
            }
            return LexWord(start);
        }
        while (i < end && char.IsAsciiDigit(text[i])) i++;
        var kind = TokenKind.Integer;
        if (i < end && text[i] == '.')
        {
            kind = TokenKind.Decimal;
            i++;
            while (i < end && char.IsAsciiDigit(text[i])) i++;
        }
        if (i < end && (text[i] is 'e' or 'E'))
        {
            var j = i + 1;
            if (j < end && (text[j] is '+' or '-')) j++;
            if (j < end && char.IsAsciiDigit(text[j]))
            {
                while (j < end && char.IsAsciiDigit(text[j])) j++;
                kind = TokenKind.Float;
                i = j;
            }
        }
        // MySQL allows names that start with digits (1col), as long as they are not numbers.
        if (kind == TokenKind.Integer && i < end && IsIdentifierChar(text[i])) return LexWord(start);
        if (kind == TokenKind.Float && i < end && IsIdentifierChar(text[i]) && !text.AsSpan(start, i - start).Contains('.')) return LexWord(start);
        position = i;
        return kind;
    }

    private TokenKind LexWord(int start)
    {
        var c = text[start];
        if (start + 1 < end && text[start + 1] == '\'')
        {
            // X'..', B'..', N'..' literals.
            var literal = c switch
            {
                'x' or 'X' => TokenKind.HexString,
                'b' or 'B' => TokenKind.BitString,
                'n' or 'N' => TokenKind.NationalString,
                _ => TokenKind.EndOfInput,
            };
            if (literal != TokenKind.EndOfInput)
            {
                position = SkipQuoted(start + 1, '\'', literal == TokenKind.NationalString && BackslashEscapes, errorOffset: start);
                return literal;
            }
        }
        var i = start;
        while (i < end && IsIdentifierChar(text[i])) i++;
        position = i;
        if (c == '_' && i - start > 1 && CharacterSetNames.IsKnown(text.AsSpan(start + 1, i - start - 1))) return TokenKind.Introducer;
        return TokenKind.Word;
    }

    /// <summary>Skips blanks and comments; steps into version comments whose content is SQL.</summary>
    private bool SkipBlanksAndComments()
    {
        var skipped = false;
        while (position < end)
        {
            var c = text[position];
            if (c == '\n') { line++; position++; skipped = true; continue; }
            if (char.IsWhiteSpace(c)) { position++; skipped = true; continue; }
            if (c == '#' || (c == '-' && Follows(1, '-') && (position + 2 >= end || char.IsWhiteSpace(text[position + 2]) || char.IsControl(text[position + 2]))))
            {
                while (position < end && text[position] != '\n') position++;
                skipped = true;
                continue;
            }
            if (c == '*' && insideVersionComment && Follows(1, '/'))
            {
                insideVersionComment = false;
                position += 2;
                skipped = true;
                continue;
            }
            if (c == '/' && Follows(1, '*'))
            {
                skipped = true;
                if (Follows(2, '!') && TryEnterVersionComment()) continue;
                SkipBlockComment();
                continue;
            }
            break;
        }
        return skipped;
    }

    /// <summary>
    /// At <c>/*!</c>: if the optional version is not above ours, steps past the header so the
    /// content is lexed as SQL and the closing <c>*/</c> is skipped later; otherwise leaves
    /// the comment to be skipped whole.
    /// </summary>
    private bool TryEnterVersionComment()
    {
        if (insideVersionComment) return false;
        var i = position + 3;
        var digits = 0;
        while (i + digits < end && digits < 6 && char.IsAsciiDigit(text[i + digits])) digits++;
        // MySQL reads five digits; six are read only when a sixth digit is followed by a blank.
        if (digits == 6 && !(i + 6 < end && char.IsWhiteSpace(text[i + 6]))) digits = 5;
        if (digits is > 0 and < 5) digits = 0;
        if (digits > 0 && int.Parse(text.AsSpan(i, digits), System.Globalization.CultureInfo.InvariantCulture) > options.ServerVersion) return false;
        position = i + digits;
        insideVersionComment = true;
        return true;
    }

    private void SkipBlockComment()
    {
        var start = position;
        var startLine = line;
        var i = position + 2;
        while (i + 1 < end && !(text[i] == '*' && text[i + 1] == '/'))
        {
            if (text[i] == '\n') line++;
            i++;
        }
        if (i + 1 >= end) throw SqlSyntaxException.At(text, start, end, startLine);
        position = i + 2;
    }
}
