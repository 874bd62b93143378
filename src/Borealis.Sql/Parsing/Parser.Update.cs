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
        var orderBy = AtWords("ORDER", "BY") ? ParseOrderBy() : default;
        var limit = AtWord("LIMIT") ? ParseLimit() : null;
        // MySQL's grammar takes ORDER BY and LIMIT on any UPDATE, then refuses them on a multi-table one.
        var singleTable = tables.Count == 1 && tables[0] is TableSource;
        if (!singleTable && !orderBy.IsEmpty) throw SqlSyntaxException.WrongUsage("UPDATE", "ORDER BY");
        if (!singleTable && limit is not null) throw SqlSyntaxException.WrongUsage("UPDATE", "LIMIT");
        return new UpdateStatement(lowPriority, ignore, tables, assignments, where, orderBy, limit);
    }
}
