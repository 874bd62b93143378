using Borealis.Sql.Lexing;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Parsing;

/// <summary>Databases, DROP/TRUNCATE/RENAME TABLE, indexes and views.</summary>
internal sealed partial class Parser
{
    private Statement ParseCreateDatabase()
    {
        Advance();
        var ifNotExists = AcceptIfNotExists();
        var name = ParseIdentifier();
        var (charset, collation) = ParseDatabaseOptions();
        return new CreateDatabaseStatement(name, ifNotExists, charset, collation);
    }

    private Statement ParseAlterDatabase()
    {
        Advance();
        string? name = null;
        if (AtIdentifier && !AtWord("CHARACTER") && !AtWord("CHARSET") && !AtWord("COLLATE") && !AtWord("DEFAULT")) name = ParseIdentifier();
        var (charset, collation) = ParseDatabaseOptions();
        if (charset is null && collation is null) throw Error();
        return new AlterDatabaseStatement(name, charset, collation);
    }

    /// <summary>[DEFAULT] CHARACTER SET [=] cs, [DEFAULT] COLLATE [=] co, ENCRYPTION [=] 'N', in any order.</summary>
    private (string? Charset, string? Collation) ParseDatabaseOptions()
    {
        string? charset = null, collation = null;
        while (true)
        {
            var isDefault = AcceptWord("DEFAULT");
            if (AtWord("CHARSET") || AtWords("CHARACTER", "SET"))
            {
                if (!AcceptWord("CHARSET")) ExpectWords("CHARACTER", "SET");
                Accept(TokenKind.Equal);
                charset = ParseCharsetOrCollationName();
            }
            else if (AcceptWord("COLLATE"))
            {
                Accept(TokenKind.Equal);
                collation = ParseCharsetOrCollationName();
            }
            else if (AcceptWord("ENCRYPTION"))
            {
                Accept(TokenKind.Equal);
                ParseStringValue();
            }
            else if (isDefault)
            {
                throw Error();
            }
            else
            {
                return (charset, collation);
            }
        }
    }

    private Statement ParseDropDatabase()
    {
        Advance();
        var ifExists = AcceptIfExists();
        return new DropDatabaseStatement(ParseIdentifier(), ifExists);
    }

    private Statement ParseDropTable()
    {
        var temporary = AcceptWord("TEMPORARY");
        if (!AcceptWord("TABLE")) ExpectWord("TABLES");
        var ifExists = AcceptIfExists();
        var tables = ParseTableNameList();
        if (!AcceptWord("RESTRICT")) AcceptWord("CASCADE");
        return new DropTableStatement(temporary, ifExists, tables);
    }

    private Statement ParseTruncate()
    {
        ExpectWord("TRUNCATE");
        AcceptWord("TABLE");
        return new TruncateTableStatement(ParseTableName());
    }

    private Statement ParseRenameTable()
    {
        ExpectWord("RENAME");
        if (!AcceptWord("TABLE")) ExpectWord("TABLES");
        var renames = new List<TableRename>();
        do
        {
            var from = ParseTableName();
            ExpectWord("TO");
            renames.Add(new TableRename(from, ParseTableName()));
        }
        while (Accept(TokenKind.Comma));
        return new RenameTableStatement(renames.ToValueList());
    }

    private Statement ParseCreateIndex()
    {
        var kind = IndexKind.Index;
        if (AcceptWord("UNIQUE")) kind = IndexKind.Unique;
        else if (AcceptWord("FULLTEXT")) kind = IndexKind.Fulltext;
        else if (AcceptWord("SPATIAL")) kind = IndexKind.Spatial;
        ExpectWord("INDEX");
        var name = ParseIdentifier();
        var algorithm = ParseIndexAlgorithm();
        ExpectWord("ON");
        var table = ParseTableName();
        var index = ParseIndexOptions(new IndexDefinition(kind, name, ParseIndexParts(), algorithm));
        SkipAlgorithmAndLockOptions();
        return new CreateIndexStatement(index, table);
    }

    private Statement ParseDropIndex()
    {
        ExpectWord("INDEX");
        var name = AcceptWord("PRIMARY") ? "PRIMARY" : ParseIdentifier();
        ExpectWord("ON");
        var table = ParseTableName();
        SkipAlgorithmAndLockOptions();
        return new DropIndexStatement(name, table);
    }

    /// <summary>ALGORITHM [=] x and LOCK [=] x after CREATE/DROP INDEX: how, not what.</summary>
    private void SkipAlgorithmAndLockOptions()
    {
        while (AtWord("ALGORITHM") || AtWord("LOCK"))
        {
            Advance();
            Accept(TokenKind.Equal);
            if (!AcceptWord("DEFAULT")) ParseIdentifier();
        }
    }

    private Statement ParseCreateView()
    {
        var orReplace = AcceptWords("OR", "REPLACE");
        if (AcceptWord("ALGORITHM"))
        {
            Expect(TokenKind.Equal);
            ParseIdentifier();
        }
        if (AcceptWord("DEFINER"))
        {
            Expect(TokenKind.Equal);
            ParseUserName();
        }
        if (AcceptWords("SQL", "SECURITY"))
        {
            if (!AcceptWord("DEFINER")) ExpectWord("INVOKER");
        }
        ExpectWord("VIEW");
        var view = ParseTableName();
        ValueList<string> columns = Current.Kind == TokenKind.LeftParen ? ParseParenthesizedIdentifiers().ToValueList() : default;
        ExpectWord("AS");
        var query = ParseQuery();
        if (AcceptWord("WITH"))
        {
            if (!AcceptWord("CASCADED")) AcceptWord("LOCAL");
            ExpectWords("CHECK", "OPTION");
        }
        return new CreateViewStatement(orReplace, view, columns, query);
    }

    private Statement ParseDropView()
    {
        ExpectWord("VIEW");
        var ifExists = AcceptIfExists();
        var views = ParseTableNameList();
        if (!AcceptWord("RESTRICT")) AcceptWord("CASCADE");
        return new DropViewStatement(ifExists, views);
    }
}
