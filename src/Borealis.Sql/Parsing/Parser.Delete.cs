using Borealis.Sql.Lexing;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Parsing;

/// <summary>DELETE: single-table, DELETE t1, t2 FROM ..., and DELETE FROM t1, t2 USING ....</summary>
internal sealed partial class Parser
{
    private Statement ParseDelete()
    {
        ExpectWord("DELETE");
        bool lowPriority = false, quick = false, ignore = false;
        while (true)
        {
            if (AcceptWord("LOW_PRIORITY")) lowPriority = true;
            else if (AcceptWord("QUICK")) quick = true;
            else if (AcceptWord("IGNORE")) ignore = true;
            else break;
        }
        if (AcceptWord("FROM"))
        {
            var targets = ParseDeleteTargets();
            if (AcceptWord("USING"))
            {
                var references = ParseTableReferenceList();
                var usingWhere = AcceptWord("WHERE") ? ParseExpression() : null;
                return new DeleteStatement(lowPriority, quick, ignore, targets, references, usingWhere, default, null);
            }
            if (targets.Count != 1) throw Error();
            var alias = ParseOptionalTableAlias();
            var where = AcceptWord("WHERE") ? ParseExpression() : null;
            var orderBy = AtWords("ORDER", "BY") ? ParseOrderBy() : default;
            var limit = AtWord("LIMIT") ? ParseLimit() : null;
            return new DeleteStatement(lowPriority, quick, ignore, default, ValueList.Of<TableReference>(new TableSource(targets[0], alias)), where, orderBy, limit);
        }
        var multiTargets = ParseDeleteTargets();
        ExpectWord("FROM");
        var from = ParseTableReferenceList();
        var multiWhere = AcceptWord("WHERE") ? ParseExpression() : null;
        return new DeleteStatement(lowPriority, quick, ignore, multiTargets, from, multiWhere, default, null);
    }

    /// <summary>t or t.* entries of a multi-table DELETE (the .* is optional noise).</summary>
    private ValueList<TableName> ParseDeleteTargets()
    {
        var targets = new List<TableName>();
        do
        {
            var first = ParseIdentifier();
            TableName name = new(null, first);
            if (Current.Kind == TokenKind.Dot)
            {
                Advance();
                if (Accept(TokenKind.Star))
                {
                    targets.Add(name);
                    continue;
                }
                name = new TableName(first, ParseIdentifierAfterDot());
                if (Current.Kind == TokenKind.Dot)
                {
                    Advance();
                    Expect(TokenKind.Star);
                }
            }
            targets.Add(name);
        }
        while (Accept(TokenKind.Comma));
        return targets.ToValueList();
    }
}
