using Borealis.Sql.Lexing;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Parsing;

/// <summary>CREATE TABLE: columns, constraints, table options, LIKE and AS SELECT forms.</summary>
internal sealed partial class Parser
{
    private Statement ParseCreateTable()
    {
        var temporary = AcceptWord("TEMPORARY");
        ExpectWord("TABLE");
        var ifNotExists = AcceptIfNotExists();
        var table = ParseTableName();
        if (AcceptWord("LIKE")) return new CreateTableStatement(temporary, ifNotExists, table, default, default, Like: ParseTableName());
        ValueList<TableElement> elements = default;
        if (Current.Kind == TokenKind.LeftParen && !StartsQuery(1))
        {
            Advance();
            if (AcceptWord("LIKE"))
            {
                var like = ParseTableName();
                Expect(TokenKind.RightParen);
                return new CreateTableStatement(temporary, ifNotExists, table, default, default, Like: like);
            }
            var list = new List<TableElement>();
            do list.Add(ParseTableElement());
            while (Accept(TokenKind.Comma));
            Expect(TokenKind.RightParen);
            elements = list.ToValueList();
        }
        var options = ParseTableOptions();
        if (AtWord("PARTITION")) throw Error();
        var onDuplicate = DuplicateHandling.Error;
        if (AcceptWord("IGNORE")) onDuplicate = DuplicateHandling.Ignore;
        else if (AcceptWord("REPLACE")) onDuplicate = DuplicateHandling.Replace;
        var hasAs = AcceptWord("AS");
        Query? query = null;
        if (hasAs || AtWord("SELECT") || AtWord("WITH") || Current.Kind == TokenKind.LeftParen) query = ParseQuery();
        else if (onDuplicate != DuplicateHandling.Error) throw Error();
        if (elements.IsEmpty && query is null) throw Error();
        return new CreateTableStatement(temporary, ifNotExists, table, elements, options, AsQuery: query, OnDuplicate: onDuplicate);
    }

    private bool AcceptIfNotExists()
    {
        if (!AtWord("IF")) return false;
        ExpectWords("IF", "NOT", "EXISTS");
        return true;
    }

    private bool AcceptIfExists()
    {
        if (!AtWord("IF")) return false;
        ExpectWords("IF", "EXISTS");
        return true;
    }

    private TableElement ParseTableElement()
    {
        switch (CurrentWordUpper)
        {
            case "CONSTRAINT" or "PRIMARY" or "UNIQUE" or "KEY" or "INDEX" or "FULLTEXT" or "SPATIAL" or "FOREIGN" or "CHECK":
                return ParseTableConstraint();
            default:
                return ParseColumnDefinition();
        }
    }

    private ColumnDefinition ParseColumnDefinition()
    {
        var name = ParseIdentifier();
        var serial = AtWord("SERIAL");
        var column = new ColumnDefinition(name, ParseDataType());
        // SERIAL is BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE.
        if (serial) column = column with { Nullable = false, AutoIncrement = true, Unique = true };
        return ParseColumnAttributes(column);
    }

    private ColumnDefinition ParseColumnAttributes(ColumnDefinition column)
    {
        while (true)
        {
            switch (CurrentWordUpper)
            {
                case "NOT":
                    Advance();
                    ExpectWord("NULL");
                    column = column with { Nullable = false };
                    break;
                case "NULL":
                    Advance();
                    column = column with { Nullable = true };
                    break;
                case "DEFAULT":
                    Advance();
                    column = column with { Default = ParseColumnDefault() };
                    break;
                case "ON":
                    ExpectWords("ON", "UPDATE");
                    column = column with { OnUpdate = ParsePrimary() };
                    break;
                case "AUTO_INCREMENT":
                    Advance();
                    column = column with { AutoIncrement = true };
                    break;
                case "PRIMARY":
                    Advance();
                    ExpectWord("KEY");
                    column = column with { PrimaryKey = true };
                    break;
                case "KEY":
                    Advance();
                    column = column with { PrimaryKey = true };
                    break;
                case "UNIQUE":
                    Advance();
                    AcceptWord("KEY");
                    column = column with { Unique = true };
                    break;
                case "COMMENT":
                    Advance();
                    column = column with { Comment = ParseStringValue() };
                    break;
                case "COLLATE":
                    Advance();
                    column = column with { Type = column.Type with { Collation = ParseCharsetOrCollationName() } };
                    break;
                case "CHARACTER" or "CHARSET":
                    if (!AcceptWord("CHARSET")) ExpectWords("CHARACTER", "SET");
                    column = column with { Type = column.Type with { CharacterSet = ParseCharsetOrCollationName() } };
                    break;
                case "COLUMN_FORMAT" or "STORAGE":
                    // Physical layout hints that do not change the column's meaning.
                    Advance();
                    ParseIdentifier();
                    break;
                case "GENERATED" or "AS":
                    if (AcceptWord("GENERATED")) ExpectWord("ALWAYS");
                    ExpectWord("AS");
                    Expect(TokenKind.LeftParen);
                    var generated = ParseExpression();
                    Expect(TokenKind.RightParen);
                    var stored = AcceptWord("STORED");
                    if (!stored) AcceptWord("VIRTUAL");
                    column = column with { Generated = new GeneratedColumn(generated, stored) };
                    break;
                case "CHECK":
                    column = column with { Check = ParseCheckConstraint(null) };
                    break;
                case "CONSTRAINT":
                    Advance();
                    var checkName = AtWord("CHECK") ? null : ParseIdentifier();
                    column = column with { Check = ParseCheckConstraint(checkName) };
                    break;
                case "REFERENCES":
                    column = column with { References = ParseForeignKeyReference() };
                    break;
                case "VISIBLE":
                    Advance();
                    column = column with { Invisible = false };
                    break;
                case "INVISIBLE":
                    Advance();
                    column = column with { Invisible = true };
                    break;
                default:
                    return column;
            }
        }
    }

    /// <summary>A DEFAULT value: a literal (signed numbers too), a time function, or (expr).</summary>
    private Expression ParseColumnDefault()
    {
        if (Current.Kind == TokenKind.LeftParen)
        {
            Advance();
            var expression = ParseExpression();
            Expect(TokenKind.RightParen);
            return expression;
        }
        // Not a full expression: a COLLATE after the value belongs to the column, not to the value.
        if (Accept(TokenKind.Minus)) return new UnaryExpression(UnaryOperator.Negate, ParsePrimary());
        if (Accept(TokenKind.Plus)) return new UnaryExpression(UnaryOperator.Plus, ParsePrimary());
        return ParsePrimary();
    }

    private TableElement ParseTableConstraint()
    {
        string? constraintName = null;
        var hasConstraint = false;
        if (AcceptWord("CONSTRAINT"))
        {
            hasConstraint = true;
            if (!AtWord("PRIMARY") && !AtWord("UNIQUE") && !AtWord("FOREIGN") && !AtWord("CHECK")) constraintName = ParseIdentifier();
        }
        switch (CurrentWordUpper)
        {
            case "PRIMARY":
                Advance();
                ExpectWord("KEY");
                return ParseIndexBody(IndexKind.Primary, allowName: false) with { ConstraintName = constraintName };
            case "UNIQUE":
                Advance();
                if (!AcceptWord("INDEX")) AcceptWord("KEY");
                return ParseIndexBody(IndexKind.Unique, allowName: true) with { ConstraintName = constraintName };
            case "FOREIGN":
                Advance();
                ExpectWord("KEY");
                var indexName = Current.Kind != TokenKind.LeftParen ? ParseIdentifier() : null;
                var columns = ParseParenthesizedIdentifiers().ToValueList();
                return new ForeignKeyDefinition(constraintName, indexName, columns, ParseForeignKeyReference());
            case "CHECK":
                return ParseCheckConstraint(constraintName);
        }
        if (hasConstraint) throw Error();
        switch (CurrentWordUpper)
        {
            case "KEY" or "INDEX":
                Advance();
                return ParseIndexBody(IndexKind.Index, allowName: true);
            case "FULLTEXT" or "SPATIAL":
                var kind = CurrentWordUpper == "FULLTEXT" ? IndexKind.Fulltext : IndexKind.Spatial;
                Advance();
                if (!AcceptWord("INDEX")) AcceptWord("KEY");
                return ParseIndexBody(kind, allowName: true);
            default:
                throw Error();
        }
    }

    /// <summary>[name] [USING BTREE|HASH] (parts) [options] of a key.</summary>
    private IndexDefinition ParseIndexBody(IndexKind kind, bool allowName)
    {
        string? name = null;
        if (allowName && Current.Kind != TokenKind.LeftParen && !AtWord("USING")) name = ParseIdentifier();
        var algorithm = ParseIndexAlgorithm();
        var parts = ParseIndexParts();
        return ParseIndexOptions(new IndexDefinition(kind, name, parts, algorithm));
    }

    private IndexAlgorithm ParseIndexAlgorithm()
    {
        if (!AcceptWord("USING") && !AcceptWord("TYPE")) return IndexAlgorithm.Default;
        if (AcceptWord("BTREE")) return IndexAlgorithm.BTree;
        if (AcceptWord("HASH")) return IndexAlgorithm.Hash;
        throw Error();
    }

    private ValueList<IndexPart> ParseIndexParts()
    {
        Expect(TokenKind.LeftParen);
        var parts = new List<IndexPart>();
        do
        {
            IndexPart part;
            if (Current.Kind == TokenKind.LeftParen)
            {
                Advance();
                var expression = ParseExpression();
                Expect(TokenKind.RightParen);
                part = new IndexPart(null, null, expression, false);
            }
            else
            {
                var column = ParseIdentifier();
                var prefix = ParseOptionalLength();
                part = new IndexPart(column, prefix, null, false);
            }
            if (AcceptWord("DESC")) part = part with { Descending = true };
            else AcceptWord("ASC");
            parts.Add(part);
        }
        while (Accept(TokenKind.Comma));
        Expect(TokenKind.RightParen);
        return parts.ToValueList();
    }

    private IndexDefinition ParseIndexOptions(IndexDefinition index)
    {
        while (true)
        {
            if (AtWord("USING") || AtWord("TYPE")) index = index with { Algorithm = ParseIndexAlgorithm() };
            else if (AcceptWord("COMMENT")) index = index with { Comment = ParseStringValue() };
            else if (AcceptWord("VISIBLE")) index = index with { Invisible = false };
            else if (AcceptWord("INVISIBLE")) index = index with { Invisible = true };
            else if (AcceptWord("KEY_BLOCK_SIZE"))
            {
                // A storage hint InnoDB ignores for uncompressed tables.
                Accept(TokenKind.Equal);
                ParseSmallInteger();
            }
            else return index;
        }
    }

    private ForeignKeyReference ParseForeignKeyReference()
    {
        ExpectWord("REFERENCES");
        var table = ParseTableName();
        var columns = ParseParenthesizedIdentifiers().ToValueList();
        if (AcceptWord("MATCH"))
        {
            if (!AcceptWord("FULL") && !AcceptWord("PARTIAL")) ExpectWord("SIMPLE");
        }
        var onDelete = ReferentialAction.Default;
        var onUpdate = ReferentialAction.Default;
        while (AtWord("ON"))
        {
            Advance();
            if (AcceptWord("DELETE")) onDelete = ParseReferentialAction();
            else if (AcceptWord("UPDATE")) onUpdate = ParseReferentialAction();
            else throw Error();
        }
        return new ForeignKeyReference(table, columns, onDelete, onUpdate);
    }

    private ReferentialAction ParseReferentialAction()
    {
        if (AcceptWord("RESTRICT")) return ReferentialAction.Restrict;
        if (AcceptWord("CASCADE")) return ReferentialAction.Cascade;
        if (AcceptWords("SET", "NULL")) return ReferentialAction.SetNull;
        if (AcceptWords("SET", "DEFAULT")) return ReferentialAction.SetDefault;
        if (AcceptWords("NO", "ACTION")) return ReferentialAction.NoAction;
        throw Error();
    }

    private CheckConstraint ParseCheckConstraint(string? name)
    {
        ExpectWord("CHECK");
        Expect(TokenKind.LeftParen);
        var condition = ParseExpression();
        Expect(TokenKind.RightParen);
        var enforced = true;
        if (AcceptWords("NOT", "ENFORCED")) enforced = false;
        else AcceptWord("ENFORCED");
        return new CheckConstraint(name, condition, enforced);
    }

    /// <summary>Table options, optionally comma-separated, with an optional '='.</summary>
    private ValueList<TableOption> ParseTableOptions()
    {
        List<TableOption>? options = null;
        while (TryParseTableOption() is { } option)
        {
            (options ??= []).Add(option);
            if (Current.Kind == TokenKind.Comma && Peek(1).Kind == TokenKind.Word && IsTableOptionStart(1)) Advance();
        }
        return options?.ToValueList() ?? default;
    }

    private bool IsTableOptionStart(int ahead)
    {
        var token = Peek(ahead);
        if (token.Kind != TokenKind.Word) return false;
        var word = KeywordSpelling.ToUpper(TextOf(token));
        if (word == "DEFAULT") return IsWord(Peek(ahead + 1), "CHARSET") || IsWord(Peek(ahead + 1), "CHARACTER") || IsWord(Peek(ahead + 1), "COLLATE");
        if (word == "CHARACTER") return IsWord(Peek(ahead + 1), "SET");
        return SimpleTableOptions.Contains(word) || word is "CHARSET" or "COLLATE" or "DATA" or "INDEX";
    }

    private static readonly HashSet<string> SimpleTableOptions =
    [
        "ENGINE", "TYPE", "AUTO_INCREMENT", "AVG_ROW_LENGTH", "CHECKSUM", "TABLE_CHECKSUM", "COMMENT", "COMPRESSION",
        "CONNECTION", "DELAY_KEY_WRITE", "ENCRYPTION", "INSERT_METHOD", "KEY_BLOCK_SIZE", "MAX_ROWS", "MIN_ROWS",
        "PACK_KEYS", "PASSWORD", "ROW_FORMAT", "STATS_AUTO_RECALC", "STATS_PERSISTENT", "STATS_SAMPLE_PAGES",
        "TABLESPACE", "AUTOEXTEND_SIZE", "SECONDARY_ENGINE", "PAGE_CHECKSUM", "TRANSACTIONAL", "ENGINE_ATTRIBUTE",
        "SECONDARY_ENGINE_ATTRIBUTE", "START",
    ];

    private TableOption? TryParseTableOption()
    {
        if (!IsTableOptionStart(0)) return null;
        AcceptWord("DEFAULT");
        string name;
        if (AtWord("CHARACTER") || AtWord("CHARSET"))
        {
            if (!AcceptWord("CHARSET")) ExpectWords("CHARACTER", "SET");
            name = "CHARACTER SET";
        }
        else if (AtWord("DATA") || AtWord("INDEX"))
        {
            name = CurrentWordUpper + " DIRECTORY";
            Advance();
            ExpectWord("DIRECTORY");
        }
        else if (AtWord("START"))
        {
            ExpectWords("START", "TRANSACTION");
            return new TableOption("START TRANSACTION", "", false);
        }
        else
        {
            name = CurrentWordUpper!;
            if (name == "TYPE") name = "ENGINE";
            if (name == "TABLE_CHECKSUM") name = "CHECKSUM";
            Advance();
        }
        Accept(TokenKind.Equal);
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.String:
                return new TableOption(name, ParseStringValue(), true);
            case TokenKind.Word or TokenKind.Integer or TokenKind.Decimal:
                Advance();
                var value = TextOf(token).ToString();
                if (name is "CHARACTER SET" or "COLLATE" && value.Equals("binary", StringComparison.OrdinalIgnoreCase)) value = "binary";
                return new TableOption(name, value, false);
            case TokenKind.QuotedIdentifier:
                return new TableOption(name, ParseIdentifier(), false);
            default:
                throw Error();
        }
    }
}
