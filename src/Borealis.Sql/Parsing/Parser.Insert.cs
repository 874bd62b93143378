using Borealis.Sql.Lexing;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Parsing;

/// <summary>INSERT and REPLACE.</summary>
internal sealed partial class Parser
{
    private Statement ParseInsert()
    {
        var replace = CurrentWordUpper == "REPLACE";
        Advance();
        var priority = CurrentWordUpper switch
        {
            "LOW_PRIORITY" => InsertPriority.LowPriority,
            "DELAYED" => InsertPriority.Delayed,
            "HIGH_PRIORITY" when !replace => InsertPriority.HighPriority,
            _ => InsertPriority.Default,
        };
        if (priority != InsertPriority.Default) Advance();
        var ignore = !replace && AcceptWord("IGNORE");
        AcceptWord("INTO");
        var table = ParseTableName();
        ValueList<string> columns = default;
        // (cols) VALUES ... or (SELECT ...): a parenthesis starting a query is the source, not a column list.
        if (Current.Kind == TokenKind.LeftParen && !StartsQuery(1))
        {
            Advance();
            var list = new List<string>();
            if (Current.Kind != TokenKind.RightParen)
            {
                do list.Add(ParseInsertColumnName());
                while (Accept(TokenKind.Comma));
            }
            Expect(TokenKind.RightParen);
            columns = list.ToValueList();
        }
        InsertSource source;
        string? rowAlias = null;
        if (AtWord("VALUES") || AtWord("VALUE"))
        {
            Advance();
            source = ParseInsertRows();
            if (AcceptWord("AS")) rowAlias = ParseIdentifier();
        }
        else if (AtWord("SET") && columns.IsEmpty)
        {
            Advance();
            source = new InsertSet(ParseColumnAssignments());
        }
        else if (AtWord("SELECT") || AtWord("WITH") || Current.Kind == TokenKind.LeftParen)
        {
            source = new InsertQuery(ParseQuery());
        }
        else
        {
            throw Error();
        }
        ValueList<ColumnAssignment> onDuplicate = default;
        if (!replace && AtWord("ON"))
        {
            ExpectWords("ON", "DUPLICATE", "KEY", "UPDATE");
            onDuplicate = ParseColumnAssignments();
        }
        return new InsertStatement(replace, priority, ignore, table, columns, source, rowAlias, onDuplicate);
    }

    /// <summary>A column in INSERT's list; MySQL allows it qualified (t.col), and only the name matters.</summary>
    private string ParseInsertColumnName()
    {
        var name = ParseIdentifier();
        while (Accept(TokenKind.Dot)) name = ParseIdentifierAfterDot();
        return name;
    }

    private InsertValues ParseInsertRows()
    {
        var rows = new List<ValueList<Expression>>();
        do
        {
            AcceptWord("ROW");
            Expect(TokenKind.LeftParen);
            if (Accept(TokenKind.RightParen))
            {
                rows.Add(default);
                continue;
            }
            var values = new List<Expression>();
            do values.Add(ParseExpression());
            while (Accept(TokenKind.Comma));
            Expect(TokenKind.RightParen);
            rows.Add(values.ToValueList());
        }
        while (Accept(TokenKind.Comma));
        return new InsertValues(rows.ToValueList());
    }

    private ValueList<ColumnAssignment> ParseColumnAssignments()
    {
        var assignments = new List<ColumnAssignment>();
        do
        {
            var column = (ColumnReference)ParseColumnReference();
            if (!Accept(TokenKind.Equal)) Expect(TokenKind.Assign);
            assignments.Add(new ColumnAssignment(column, ParseExpression()));
        }
        while (Accept(TokenKind.Comma));
        return assignments.ToValueList();
    }
}
