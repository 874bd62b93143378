using System.Diagnostics.CodeAnalysis;
using Borealis.Sql.Lexing;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Parsing;

/// <summary>
/// The recursive-descent parser. This file holds the token cursor and the statement loop;
/// each statement family is in its own partial file.
/// </summary>
internal sealed partial class Parser
{
    private readonly string text;
    private readonly SqlParserOptions options;
    private readonly Lexer lexer;
    private readonly int textStart;
    private readonly int textEnd;
    private readonly List<Token> tokens = new(16);
    private int cursor;
    private int placeholderCount;
    private bool firstStatement = true;
    private bool finished;
    private Token lastStatementStart;
    private Token previous;

    public Parser(string text, SqlParserOptions options)
    {
        this.text = text;
        this.options = options;
        // MySQL drops blanks and semicolons at both ends of the text before parsing (alloc_query).
        textStart = 0;
        while (textStart < text.Length && (char.IsWhiteSpace(text[textStart]) || text[textStart] == ';')) textStart++;
        textEnd = text.Length;
        while (textEnd > textStart && (char.IsWhiteSpace(text[textEnd - 1]) || text[textEnd - 1] == ';')) textEnd--;
        lexer = new Lexer(text, textStart, textEnd, options);
    }

    /// <summary>The next statement, or null after the last.</summary>
    public ParsedStatement? ParseNextStatement()
    {
        if (finished) return null;
        tokens.RemoveRange(0, cursor);
        cursor = 0;
        var start = Current;
        lastStatementStart = start;
        if (start.Kind == TokenKind.EndOfInput)
        {
            finished = true;
            // An empty text is one empty statement; so is a comment after the last ';'.
            var hadComment = HasNonBlank(firstStatement ? textStart : previous.End, textEnd);
            if (!firstStatement && !hadComment) return null;
            firstStatement = false;
            return new ParsedStatement(new EmptyStatement(hadComment), start.Start, 0, 0);
        }
        firstStatement = false;
        // Parameters are numbered per statement: each is prepared on its own.
        placeholderCount = 0;
        var statement = ParseStatement();
        var last = previous;
        if (Current.Kind == TokenKind.Semicolon)
        {
            Advance();
        }
        else if (Current.Kind == TokenKind.EndOfInput)
        {
            finished = true;
        }
        else
        {
            throw Error();
        }
        return new ParsedStatement(statement, start.Start, last.End - start.Start, placeholderCount);
    }

    public Expression ParseStandaloneExpression()
    {
        var expression = ParseExpression();
        if (Current.Kind != TokenKind.EndOfInput) throw Error();
        return expression;
    }

    public SqlSyntaxException ErrorAtLastStatementStart() => ErrorAt(lastStatementStart);

    private bool HasNonBlank(int from, int to)
    {
        for (var i = from; i < to; i++) if (!char.IsWhiteSpace(text[i]) && text[i] != ';') return true;
        return false;
    }

    // ---- token cursor ----

    private Token Current => Peek(0);

    private Token Peek(int ahead)
    {
        while (tokens.Count <= cursor + ahead)
        {
            if (tokens.Count > 0 && tokens[^1].Kind == TokenKind.EndOfInput) return tokens[^1];
            tokens.Add(lexer.Next());
        }
        return tokens[cursor + ahead];
    }

    private Token Advance()
    {
        var token = Current;
        if (token.Kind != TokenKind.EndOfInput) cursor++;
        previous = token;
        return token;
    }

    /// <summary>Where the parser stands, to parse a stretch again another way (the tokens of the statement are kept).</summary>
    private readonly record struct CursorState(int Cursor, int Placeholders, Token Previous);

    private CursorState SaveCursor() => new(cursor, placeholderCount, previous);

    private void RestoreCursor(CursorState state)
    {
        cursor = state.Cursor;
        placeholderCount = state.Placeholders;
        previous = state.Previous;
    }

    private ReadOnlySpan<char> TextOf(Token token) => text.AsSpan(token.Start, token.Length);

    private bool IsWord(Token token, string keyword) =>
        token.Kind == TokenKind.Word && TextOf(token).Equals(keyword, StringComparison.OrdinalIgnoreCase);

    private bool AtWord(string keyword) => IsWord(Current, keyword);

    private bool AtWord(string keyword, int ahead) => IsWord(Peek(ahead), keyword);

    private bool AtWords(string first, string second) => IsWord(Current, first) && IsWord(Peek(1), second);

    private bool Accept(TokenKind kind)
    {
        if (Current.Kind != kind) return false;
        Advance();
        return true;
    }

    private Token Expect(TokenKind kind) => Current.Kind == kind ? Advance() : throw Error();

    private bool AcceptWord(string keyword)
    {
        if (!AtWord(keyword)) return false;
        Advance();
        return true;
    }

    private bool AcceptWords(string first, string second)
    {
        if (!AtWords(first, second)) return false;
        Advance();
        Advance();
        return true;
    }

    private void ExpectWord(string keyword)
    {
        if (!AcceptWord(keyword)) throw Error();
    }

    private void ExpectWords(params ReadOnlySpan<string> keywords)
    {
        foreach (var keyword in keywords) ExpectWord(keyword);
    }

    /// <summary>The upper-cased word at the cursor, or null when it is not a word.</summary>
    private string? CurrentWordUpper => Current.Kind == TokenKind.Word ? KeywordSpelling.ToUpper(TextOf(Current)) : null;

    private bool IsReserved(Token token) => token.Kind == TokenKind.Word && ReservedWords.Contains(TextOf(token));

    private SqlSyntaxException Error() => ErrorAt(Current);

    private SqlSyntaxException ErrorAt(Token token) =>
        token.Kind == TokenKind.EndOfInput
            ? SqlSyntaxException.At(text, textEnd, textEnd, token.Line)
            : SqlSyntaxException.At(text, token.Start, textEnd, token.Line);

    [DoesNotReturn]
    private T Fail<T>() => throw Error();

    /// <summary>How deeply the rule being parsed is nested (parentheses, unary operators, subqueries).</summary>
    private int depth;

    /// <summary>Deeper nesting than any real statement uses; the limit keeps hostile input from overflowing the stack.</summary>
    private const int MaxDepth = 1000;

    /// <summary>Enters a nested rule; dispose to leave it.</summary>
    private DepthScope Nest()
    {
        if (++depth > MaxDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            var token = Current;
            throw SqlSyntaxException.MemoryExhausted(text, token.Kind == TokenKind.EndOfInput ? textEnd : token.Start, textEnd, token.Line);
        }
        return new DepthScope(this);
    }

    private readonly struct DepthScope(Parser parser) : IDisposable
    {
        public void Dispose() => parser.depth--;
    }

    // ---- names ----

    /// <summary>Whether the cursor is on something usable as an identifier.</summary>
    private bool AtIdentifier => Current.Kind == TokenKind.QuotedIdentifier || (Current.Kind == TokenKind.Word && !IsReserved(Current));

    /// <summary>An identifier: an unreserved word or a quoted name.</summary>
    private string ParseIdentifier()
    {
        var token = Current;
        if (token.Kind == TokenKind.QuotedIdentifier)
        {
            Advance();
            return LiteralText.DecodeQuotedIdentifier(TextOf(token));
        }
        if (token.Kind == TokenKind.Word && !IsReserved(token))
        {
            Advance();
            return TextOf(token).ToString();
        }
        throw Error();
    }

    /// <summary>A name after a dot, where MySQL accepts reserved words too (t.order).</summary>
    private string ParseIdentifierAfterDot()
    {
        var token = Current;
        if (token.Kind == TokenKind.Word)
        {
            Advance();
            return TextOf(token).ToString();
        }
        return ParseIdentifier();
    }

    /// <summary>An identifier or a string literal (aliases, charset names, user names accept both).</summary>
    private string ParseIdentifierOrString()
    {
        if (Current.Kind == TokenKind.String) return ParseStringValue();
        return ParseIdentifier();
    }

    private List<string> ParseParenthesizedIdentifiers()
    {
        Expect(TokenKind.LeftParen);
        var names = new List<string>();
        do names.Add(ParseIdentifier());
        while (Accept(TokenKind.Comma));
        Expect(TokenKind.RightParen);
        return names;
    }

    private TableName ParseTableName()
    {
        var first = ParseIdentifier();
        if (Accept(TokenKind.Dot)) return new TableName(first, ParseIdentifierAfterDot());
        return new TableName(null, first);
    }

    private ValueList<TableName> ParseTableNameList()
    {
        var names = new List<TableName>();
        do names.Add(ParseTableName());
        while (Accept(TokenKind.Comma));
        return names.ToValueList();
    }

    /// <summary>The value of one or more adjacent string literals.</summary>
    private string ParseStringValue()
    {
        var token = Expect(TokenKind.String);
        var value = DecodeString(token);
        if (Current.Kind != TokenKind.String) return value;
        var builder = new System.Text.StringBuilder(value);
        while (Current.Kind == TokenKind.String) builder.Append(DecodeString(Advance()));
        return builder.ToString();
    }

    private string DecodeString(Token token)
    {
        var raw = TextOf(token);
        var quote = raw[^1];
        // N'..' and X'..' literals carry a one-letter prefix before the quote.
        var bodyStart = raw.IndexOf(quote) + 1;
        return LiteralText.DecodeString(raw[bodyStart..^1], quote, (options.Modes & SqlLexicalModes.NoBackslashEscapes) == 0);
    }

    /// <summary>An integer literal as int (lengths, precisions, fsp).</summary>
    private int ParseSmallInteger()
    {
        var token = Expect(TokenKind.Integer);
        return int.TryParse(TextOf(token), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ErrorAt(token);
    }

    // ---- statements ----

    private Statement ParseStatement()
    {
        var token = Current;
        if (token.Kind == TokenKind.LeftParen) return ParseSelectStatement();
        if (token.Kind != TokenKind.Word) throw Error();
        return CurrentWordUpper switch
        {
            "SELECT" or "WITH" => ParseSelectStatement(),
            "INSERT" or "REPLACE" => ParseInsert(),
            "UPDATE" => ParseUpdate(),
            "DELETE" => ParseDelete(),
            "CREATE" => ParseCreate(),
            "DROP" => ParseDrop(),
            "ALTER" => ParseAlter(),
            "TRUNCATE" => ParseTruncate(),
            "RENAME" => ParseRenameTable(),
            "BEGIN" or "START" => ParseStartTransaction(),
            "COMMIT" => ParseCommit(),
            "ROLLBACK" => ParseRollback(),
            "SAVEPOINT" => ParseSavepoint(),
            "RELEASE" => ParseReleaseSavepoint(),
            "SET" => ParseSet(),
            "USE" => ParseUse(),
            "SHOW" => ParseShow(),
            "DESCRIBE" or "DESC" or "EXPLAIN" => ParseDescribeOrExplain(),
            "GRANT" => ParseGrant(),
            "REVOKE" => ParseRevoke(),
            "KILL" => ParseKill(),
            "LOCK" => ParseLockTables(),
            "UNLOCK" => ParseUnlockTables(),
            "FLUSH" => ParseFlush(),
            "ANALYZE" or "OPTIMIZE" or "CHECK" or "REPAIR" or "CHECKSUM" => ParseTableMaintenance(),
            "DO" => ParseDo(),
            "PREPARE" => ParsePrepare(),
            "EXECUTE" => ParseExecute(),
            "DEALLOCATE" => ParseDeallocate(),
            _ => throw Error(),
        };
    }

    private Statement ParseCreate()
    {
        ExpectWord("CREATE");
        switch (CurrentWordUpper)
        {
            case "DATABASE" or "SCHEMA": return ParseCreateDatabase();
            case "TABLE" or "TEMPORARY": return ParseCreateTable();
            case "INDEX" or "UNIQUE" or "FULLTEXT" or "SPATIAL": return ParseCreateIndex();
            case "USER": return ParseCreateUser();
            case "VIEW" or "OR" or "ALGORITHM" or "DEFINER" or "SQL": return ParseCreateView();
            default: throw Error();
        }
    }

    private Statement ParseDrop()
    {
        ExpectWord("DROP");
        switch (CurrentWordUpper)
        {
            case "DATABASE" or "SCHEMA": return ParseDropDatabase();
            case "TABLE" or "TABLES" or "TEMPORARY": return ParseDropTable();
            case "INDEX": return ParseDropIndex();
            case "USER": return ParseDropUser();
            case "VIEW": return ParseDropView();
            case "PREPARE": return ParseDeallocatePrepare();
            default: throw Error();
        }
    }

    private Statement ParseDeallocate()
    {
        ExpectWord("DEALLOCATE");
        return ParseDeallocatePrepare();
    }

    private Statement ParseAlter()
    {
        ExpectWord("ALTER");
        switch (CurrentWordUpper)
        {
            case "TABLE" or "ONLINE" or "IGNORE": return ParseAlterTable();
            case "DATABASE" or "SCHEMA": return ParseAlterDatabase();
            case "USER": return ParseAlterUser();
            default: throw Error();
        }
    }
}
