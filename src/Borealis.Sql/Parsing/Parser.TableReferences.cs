using Borealis.Sql.Lexing;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Parsing;

/// <summary>FROM lists: tables, derived tables, joins, index hints.</summary>
internal sealed partial class Parser
{
    private ValueList<TableReference> ParseTableReferenceList()
    {
        var references = new List<TableReference>();
        do references.Add(ParseJoinedTable());
        while (Accept(TokenKind.Comma));
        return references.ToValueList();
    }

    private TableReference ParseJoinedTable()
    {
        var left = ParseTableFactor();
        while (TryParseJoinKind(out var kind, out var natural))
        {
            var right = ParseTableFactor();
            Expression? on = null;
            ValueList<string> usingColumns = default;
            if (!natural)
            {
                if (AcceptWord("ON")) on = ParseExpression();
                else if (AcceptWord("USING")) usingColumns = ParseParenthesizedIdentifiers().ToValueList();
                else if (kind is JoinKind.Left or JoinKind.Right) throw Error();
            }
            // Inner and cross joins are the same join in MySQL; the kind records only whether a condition was given.
            if (kind == JoinKind.Cross && (on is not null || !usingColumns.IsEmpty)) kind = JoinKind.Inner;
            if (kind == JoinKind.Inner && on is null && usingColumns.IsEmpty && !natural) kind = JoinKind.Cross;
            left = new JoinedTable(left, kind, natural, right, on, usingColumns);
        }
        return left;
    }

    private bool TryParseJoinKind(out JoinKind kind, out bool natural)
    {
        natural = AcceptWord("NATURAL");
        kind = JoinKind.Inner;
        switch (CurrentWordUpper)
        {
            case "JOIN":
                Advance();
                return true;
            case "INNER" or "CROSS" when !natural || CurrentWordUpper == "INNER":
                kind = CurrentWordUpper == "CROSS" ? JoinKind.Cross : JoinKind.Inner;
                Advance();
                ExpectWord("JOIN");
                return true;
            case "LEFT" or "RIGHT":
                kind = CurrentWordUpper == "LEFT" ? JoinKind.Left : JoinKind.Right;
                Advance();
                AcceptWord("OUTER");
                ExpectWord("JOIN");
                return true;
            case "STRAIGHT_JOIN" when !natural:
                Advance();
                kind = JoinKind.Straight;
                return true;
        }
        if (natural) throw Error();
        return false;
    }

    private TableReference ParseTableFactor()
    {
        using var scope = Nest();
        if (AtWord("LATERAL"))
        {
            Advance();
            return ParseDerivedTable(lateral: true);
        }
        if (Current.Kind == TokenKind.LeftParen)
        {
            if (IsWord(Peek(1), "SELECT") || IsWord(Peek(1), "WITH")) return ParseDerivedTable(lateral: false);
            if (StartsQuery(1))
            {
                // "((SELECT ..." is a derived table over a parenthesised query expression,
                // or a nested reference list that starts with a derived table: try the first.
                var resume = SaveCursor();
                try
                {
                    return ParseDerivedTable(lateral: false);
                }
                catch (SqlSyntaxException)
                {
                    RestoreCursor(resume);
                }
            }
            Advance();
            var nested = ParseTableReferenceList();
            Expect(TokenKind.RightParen);
            return nested.Count == 1 ? nested[0] : new NestedTableReferences(nested);
        }
        var name = ParseTableName();
        if (AtWord("PARTITION")) throw Error();
        var alias = ParseOptionalTableAlias();
        var hints = ParseIndexHints();
        return new TableSource(name, alias, hints);
    }

    private DerivedTable ParseDerivedTable(bool lateral)
    {
        var query = ParseParenthesizedQuery();
        var hasAs = AcceptWord("AS");
        // MySQL's grammar accepts a derived table without an alias and then refuses it with 1248.
        if (!hasAs && !AtIdentifier && Current.Kind != TokenKind.String) throw SqlSyntaxException.DerivedTableWithoutAlias();
        var alias = ParseIdentifierOrString();
        ValueList<string> columns = Current.Kind == TokenKind.LeftParen ? ParseParenthesizedIdentifiers().ToValueList() : default;
        return new DerivedTable(query, alias, columns, lateral);
    }

    private string? ParseOptionalTableAlias()
    {
        if (AcceptWord("AS")) return ParseIdentifierOrString();
        return AtIdentifier || Current.Kind == TokenKind.String ? ParseIdentifierOrString() : null;
    }

    private ValueList<IndexHint> ParseIndexHints()
    {
        List<IndexHint>? hints = null;
        while (AtWord("USE") || AtWord("IGNORE") || AtWord("FORCE"))
        {
            if (!(AtWord("INDEX", 1) || AtWord("KEY", 1))) break;
            var kind = CurrentWordUpper switch { "USE" => IndexHintKind.Use, "IGNORE" => IndexHintKind.Ignore, _ => IndexHintKind.Force };
            Advance();
            Advance();
            var scope = IndexHintScope.All;
            if (AcceptWord("FOR"))
            {
                if (AcceptWord("JOIN")) scope = IndexHintScope.Join;
                else if (AcceptWords("ORDER", "BY")) scope = IndexHintScope.OrderBy;
                else if (AcceptWords("GROUP", "BY")) scope = IndexHintScope.GroupBy;
                else throw Error();
            }
            Expect(TokenKind.LeftParen);
            var names = new List<string>();
            if (Current.Kind != TokenKind.RightParen)
            {
                do names.Add(AcceptWord("PRIMARY") ? "PRIMARY" : ParseIdentifier());
                while (Accept(TokenKind.Comma));
            }
            Expect(TokenKind.RightParen);
            (hints ??= []).Add(new IndexHint(kind, scope, names.ToValueList()));
        }
        return hints?.ToValueList() ?? default;
    }
}
