using Borealis.Sql.Lexing;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Parsing;

/// <summary>KILL, LOCK/UNLOCK TABLES, FLUSH, table maintenance, DO.</summary>
internal sealed partial class Parser
{
    private Statement ParseKill()
    {
        ExpectWord("KILL");
        var queryOnly = AcceptWord("QUERY");
        if (!queryOnly) AcceptWord("CONNECTION");
        return new KillStatement(queryOnly, ParseExpression());
    }

    private Statement ParseLockTables()
    {
        ExpectWord("LOCK");
        if (!AcceptWord("TABLES")) ExpectWord("TABLE");
        var locks = new List<TableLock>();
        do
        {
            var table = ParseTableName();
            string? alias = null;
            if (AcceptWord("AS")) alias = ParseIdentifier();
            else if (AtIdentifier && !AtWord("READ") && !AtWord("WRITE") && !AtWord("LOW_PRIORITY")) alias = ParseIdentifier();
            TableLockType type;
            if (AcceptWord("READ")) type = AcceptWord("LOCAL") ? TableLockType.ReadLocal : TableLockType.Read;
            else if (AcceptWord("WRITE")) type = TableLockType.Write;
            else if (AcceptWord("LOW_PRIORITY"))
            {
                ExpectWord("WRITE");
                type = TableLockType.LowPriorityWrite;
            }
            else throw Error();
            locks.Add(new TableLock(table, alias, type));
        }
        while (Accept(TokenKind.Comma));
        return new LockTablesStatement(locks.ToValueList());
    }

    private Statement ParseUnlockTables()
    {
        ExpectWord("UNLOCK");
        if (!AcceptWord("TABLES")) ExpectWord("TABLE");
        return new UnlockTablesStatement();
    }

    private Statement ParseFlush()
    {
        ExpectWord("FLUSH");
        var local = AcceptWord("LOCAL") || AcceptWord("NO_WRITE_TO_BINLOG");
        if (AtWord("TABLES") || AtWord("TABLE"))
        {
            Advance();
            ValueList<TableName> tables = AtIdentifier ? ParseTableNameList() : default;
            var withReadLock = false;
            if (AcceptWord("WITH"))
            {
                ExpectWords("READ", "LOCK");
                withReadLock = true;
            }
            else if (AcceptWords("FOR", "EXPORT")) { }
            return new FlushStatement(local, ValueList.Of("TABLES"), tables, withReadLock);
        }
        var options = new List<string>();
        do
        {
            var words = new List<string>();
            while (Current.Kind == TokenKind.Word)
            {
                words.Add(CurrentWordUpper!);
                Advance();
            }
            if (words.Count == 0) throw Error();
            options.Add(string.Join(' ', words));
        }
        while (Accept(TokenKind.Comma));
        return new FlushStatement(local, options.ToValueList(), default, false);
    }

    private Statement ParseTableMaintenance()
    {
        var operation = CurrentWordUpper switch
        {
            "ANALYZE" => TableMaintenance.Analyze,
            "OPTIMIZE" => TableMaintenance.Optimize,
            "CHECK" => TableMaintenance.Check,
            "REPAIR" => TableMaintenance.Repair,
            _ => TableMaintenance.Checksum,
        };
        Advance();
        var local = operation is TableMaintenance.Analyze or TableMaintenance.Optimize or TableMaintenance.Repair
            && (AcceptWord("LOCAL") || AcceptWord("NO_WRITE_TO_BINLOG"));
        if (!AcceptWord("TABLE")) ExpectWord("TABLES");
        var tables = ParseTableNameList();
        var options = new List<string>();
        while (Current.Kind == TokenKind.Word)
        {
            options.Add(CurrentWordUpper!);
            Advance();
        }
        return new TableMaintenanceStatement(operation, local, tables, options.ToValueList());
    }

    private Statement ParseDo()
    {
        ExpectWord("DO");
        return new DoStatement(ParseExpressionList());
    }
}
