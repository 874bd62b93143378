using Borealis.Sql.Syntax;

namespace Borealis.Sql.Parsing;

/// <summary>UPDATE, single- and multi-table.</summary>
internal sealed partial class Parser
{
    private Statement ParseUpdate()
    {
        ExpectWord("UPDATE");
        var lowPriority = AcceptWord("LOW_PRIORITY");
        var ignore = AcceptWord("IGNORE");
        var tables = ParseTableReferenceList();
        ExpectWord("SET");
        var assignments = ParseColumnAssignments();
        var where = AcceptWord("WHERE") ? ParseExpression() : null;
        var singleTable = tables.Count == 1 && tables[0] is TableSource;
        ValueList<OrderItem> orderBy = default;
        LimitClause? limit = null;
        if (singleTable)
        {
            if (AtWords("ORDER", "BY")) orderBy = ParseOrderBy();
            if (AtWord("LIMIT")) limit = ParseLimit();
        }
        return new UpdateStatement(lowPriority, ignore, tables, assignments, where, orderBy, limit);
    }
}
