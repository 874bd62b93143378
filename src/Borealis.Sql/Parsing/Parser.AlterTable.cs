using Borealis.Sql.Lexing;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Parsing;

/// <summary>ALTER TABLE and its comma-separated actions.</summary>
internal sealed partial class Parser
{
    private Statement ParseAlterTable()
    {
        AcceptWord("ONLINE");
        AcceptWord("IGNORE");
        ExpectWord("TABLE");
        var table = ParseTableName();
        var actions = new List<AlterTableAction>();
        if (Current.Kind is TokenKind.Semicolon or TokenKind.EndOfInput) return new AlterTableStatement(table, default);
        do actions.Add(ParseAlterTableAction());
        while (Accept(TokenKind.Comma));
        return new AlterTableStatement(table, actions.ToValueList());
    }

    private AlterTableAction ParseAlterTableAction()
    {
        switch (CurrentWordUpper)
        {
            case "ADD": return ParseAddAction();
            case "DROP": return ParseDropAction();
            case "MODIFY":
                Advance();
                AcceptWord("COLUMN");
                var modified = ParseColumnDefinition();
                return new ModifyColumnAction(modified, ParseColumnPosition());
            case "CHANGE":
                Advance();
                AcceptWord("COLUMN");
                var oldName = ParseIdentifier();
                var changed = ParseColumnDefinition();
                return new ChangeColumnAction(oldName, changed, ParseColumnPosition());
            case "ALTER":
                Advance();
                AcceptWord("COLUMN");
                var column = ParseIdentifier();
                if (AcceptWords("SET", "DEFAULT")) return new AlterColumnDefaultAction(column, ParseColumnDefault());
                ExpectWords("DROP", "DEFAULT");
                return new AlterColumnDefaultAction(column, null);
            case "RENAME":
                Advance();
                if (AcceptWord("COLUMN"))
                {
                    var from = ParseIdentifier();
                    ExpectWord("TO");
                    return new RenameColumnAction(from, ParseIdentifier());
                }
                if (AcceptWord("INDEX") || AcceptWord("KEY"))
                {
                    var from = ParseIdentifier();
                    ExpectWord("TO");
                    return new RenameIndexAction(from, ParseIdentifier());
                }
                if (!AcceptWord("TO")) AcceptWord("AS");
                return new RenameTableAction(ParseTableName());
            case "CONVERT":
                ExpectWords("CONVERT", "TO");
                if (!AcceptWord("CHARSET")) ExpectWords("CHARACTER", "SET");
                var charset = ParseCharsetOrCollationName();
                var collation = AcceptWord("COLLATE") ? ParseCharsetOrCollationName() : null;
                return new ConvertCharsetAction(charset, collation);
            case "DISABLE" or "ENABLE":
                var enable = CurrentWordUpper == "ENABLE";
                Advance();
                ExpectWord("KEYS");
                return new KeysAction(enable);
            case "ALGORITHM" or "LOCK":
                var option = CurrentWordUpper!;
                Advance();
                Accept(TokenKind.Equal);
                var value = AcceptWord("DEFAULT") ? "DEFAULT" : ParseIdentifier().ToUpperInvariant();
                return new AlterOptionAction(option, value);
            case "FORCE":
                Advance();
                return new ForceRebuildAction();
        }
        var options = ParseTableOptions();
        if (options.IsEmpty) throw Error();
        return new TableOptionsAction(options);
    }

    private AlterTableAction ParseAddAction()
    {
        ExpectWord("ADD");
        switch (CurrentWordUpper)
        {
            case "CONSTRAINT" or "PRIMARY" or "UNIQUE" or "KEY" or "INDEX" or "FULLTEXT" or "SPATIAL" or "FOREIGN" or "CHECK":
                return new AddConstraintAction(ParseTableConstraint());
        }
        AcceptWord("COLUMN");
        if (Accept(TokenKind.LeftParen))
        {
            var columns = new List<ColumnDefinition>();
            do columns.Add(ParseColumnDefinition());
            while (Accept(TokenKind.Comma));
            Expect(TokenKind.RightParen);
            return new AddColumnsAction(columns.ToValueList(), null);
        }
        var column = ParseColumnDefinition();
        return new AddColumnsAction(ValueList.Of(column), ParseColumnPosition());
    }

    private AlterTableAction ParseDropAction()
    {
        ExpectWord("DROP");
        switch (CurrentWordUpper)
        {
            case "INDEX" or "KEY":
                Advance();
                return new DropKeyAction(DroppedKeyKind.Index, ParseIdentifier());
            case "PRIMARY":
                ExpectWords("PRIMARY", "KEY");
                return new DropKeyAction(DroppedKeyKind.PrimaryKey, null);
            case "FOREIGN":
                ExpectWords("FOREIGN", "KEY");
                return new DropKeyAction(DroppedKeyKind.ForeignKey, ParseIdentifier());
            case "CHECK":
                Advance();
                return new DropKeyAction(DroppedKeyKind.Check, ParseIdentifier());
            case "CONSTRAINT":
                Advance();
                return new DropKeyAction(DroppedKeyKind.Constraint, ParseIdentifier());
        }
        AcceptWord("COLUMN");
        return new DropColumnAction(ParseIdentifier());
    }

    private ColumnPosition? ParseColumnPosition()
    {
        if (AcceptWord("FIRST")) return ColumnPosition.First;
        if (AcceptWord("AFTER")) return new ColumnPosition(ParseIdentifier());
        return null;
    }
}
