using Borealis.Sql.Lexing;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Parsing;

/// <summary>SHOW, DESCRIBE and EXPLAIN.</summary>
internal sealed partial class Parser
{
    private Statement ParseShow()
    {
        ExpectWord("SHOW");
        var full = AcceptWord("FULL");
        var scope = VariableScope.Default;
        if (AtWord("GLOBAL") || AtWord("SESSION") || AtWord("LOCAL"))
        {
            scope = ScopeOf(CurrentWordUpper!)!.Value;
            Advance();
            if (!AtWord("VARIABLES") && !AtWord("STATUS")) throw Error();
        }
        var word = CurrentWordUpper ?? Fail<string>();
        if (full && word is not ("TABLES" or "COLUMNS" or "FIELDS" or "PROCESSLIST")) throw Error();
        Advance();
        switch (word)
        {
            case "DATABASES" or "SCHEMAS":
                return new ShowStatement(ShowTarget.Databases, Filter: ParseShowFilter());
            case "TABLES":
                return new ShowStatement(ShowTarget.Tables, full, Database: ParseShowFromDatabase(), Filter: ParseShowFilter());
            case "COLUMNS" or "FIELDS":
                return ParseShowOfTable(ShowTarget.Columns, full);
            case "INDEX" or "INDEXES" or "KEYS":
                return ParseShowOfTable(ShowTarget.Indexes, full);
            case "CREATE":
                return ParseShowCreate();
            case "VARIABLES":
                return new ShowStatement(ShowTarget.Variables, Scope: scope, Filter: ParseShowFilter());
            case "STATUS":
                return new ShowStatement(ShowTarget.Status, Scope: scope, Filter: ParseShowFilter());
            case "PROCESSLIST":
                return new ShowStatement(ShowTarget.ProcessList, full);
            case "WARNINGS":
                return new ShowStatement(ShowTarget.Warnings, Limit: AtWord("LIMIT") ? ParseLimit() : null);
            case "ERRORS":
                return new ShowStatement(ShowTarget.Errors, Limit: AtWord("LIMIT") ? ParseLimit() : null);
            case "COUNT":
                Expect(TokenKind.LeftParen);
                Expect(TokenKind.Star);
                Expect(TokenKind.RightParen);
                if (AcceptWord("WARNINGS")) return new ShowStatement(ShowTarget.WarningCount);
                ExpectWord("ERRORS");
                return new ShowStatement(ShowTarget.ErrorCount);
            case "GRANTS":
                return new ShowStatement(ShowTarget.Grants, User: AcceptWord("FOR") ? ParseUserName() : null);
            case "ENGINES":
                return new ShowStatement(ShowTarget.Engines);
            case "STORAGE":
                ExpectWord("ENGINES");
                return new ShowStatement(ShowTarget.Engines);
            case "ENGINE":
                var engine = ParseIdentifier();
                ExpectWord("STATUS");
                return new ShowStatement(ShowTarget.EngineStatus, Engine: engine);
            case "CHARSET":
                return new ShowStatement(ShowTarget.CharacterSets, Filter: ParseShowFilter());
            case "CHARACTER":
                ExpectWord("SET");
                return new ShowStatement(ShowTarget.CharacterSets, Filter: ParseShowFilter());
            case "COLLATION":
                return new ShowStatement(ShowTarget.Collations, Filter: ParseShowFilter());
            case "TABLE":
                ExpectWord("STATUS");
                return new ShowStatement(ShowTarget.TableStatus, Database: ParseShowFromDatabase(), Filter: ParseShowFilter());
            case "OPEN":
                ExpectWord("TABLES");
                return new ShowStatement(ShowTarget.OpenTables, Database: ParseShowFromDatabase(), Filter: ParseShowFilter());
            case "TRIGGERS":
                return new ShowStatement(ShowTarget.Triggers, Database: ParseShowFromDatabase(), Filter: ParseShowFilter());
            case "EVENTS":
                return new ShowStatement(ShowTarget.Events, Database: ParseShowFromDatabase(), Filter: ParseShowFilter());
            case "FUNCTION" or "PROCEDURE":
                if (AcceptWord("CODE")) throw ErrorAt(previous);
                ExpectWord("STATUS");
                return new ShowStatement(word == "FUNCTION" ? ShowTarget.FunctionStatus : ShowTarget.ProcedureStatus, Filter: ParseShowFilter());
            case "PACKAGE":
                var body = AcceptWord("BODY");
                ExpectWord("STATUS");
                return new ShowStatement(body ? ShowTarget.PackageBodyStatus : ShowTarget.PackageStatus, Filter: ParseShowFilter());
            case "PRIVILEGES":
                return new ShowStatement(ShowTarget.Privileges);
            case "PLUGINS":
                return new ShowStatement(ShowTarget.Plugins);
            case "MASTER":
                if (AcceptWord("LOGS")) return new ShowStatement(ShowTarget.BinaryLogs);
                ExpectWord("STATUS");
                return new ShowStatement(ShowTarget.MasterStatus);
            case "BINARY":
                if (AcceptWord("LOGS")) return new ShowStatement(ShowTarget.BinaryLogs);
                ExpectWords("LOG", "STATUS");
                return new ShowStatement(ShowTarget.BinaryLogStatus);
            case "SLAVE" or "REPLICA":
                ExpectWord("STATUS");
                return new ShowStatement(ShowTarget.ReplicaStatus);
            default:
                throw ErrorAt(previous);
        }
    }

    /// <summary>FROM|IN tbl [FROM|IN db] [LIKE|WHERE], for SHOW COLUMNS and SHOW INDEX.</summary>
    private Statement ParseShowOfTable(ShowTarget target, bool full)
    {
        if (!AcceptWord("FROM")) ExpectWord("IN");
        var table = ParseTableName();
        var database = ParseShowFromDatabase();
        var filter = ParseShowFilter();
        if (target == ShowTarget.Indexes && filter?.Like is not null) throw ErrorAt(previous);
        return new ShowStatement(target, full, Object: table, Database: database, Filter: filter);
    }

    private string? ParseShowFromDatabase()
    {
        if (AcceptWord("FROM") || AcceptWord("IN")) return ParseIdentifier();
        return null;
    }

    private ShowFilter? ParseShowFilter()
    {
        if (AcceptWord("LIKE")) return new ShowFilter(ParseStringValue(), null);
        if (AcceptWord("WHERE")) return new ShowFilter(null, ParseExpression());
        return null;
    }

    private Statement ParseShowCreate()
    {
        var word = CurrentWordUpper ?? Fail<string>();
        Advance();
        switch (word)
        {
            case "TABLE": return new ShowStatement(ShowTarget.CreateTable, Object: ParseTableName());
            case "VIEW": return new ShowStatement(ShowTarget.CreateView, Object: ParseTableName());
            case "DATABASE" or "SCHEMA":
                var ifNotExists = AcceptIfNotExists();
                return new ShowStatement(ShowTarget.CreateDatabase, Object: new TableName(null, ParseIdentifier()), IfNotExists: ifNotExists);
            case "USER": return new ShowStatement(ShowTarget.CreateUser, User: ParseUserName());
            case "TRIGGER": return new ShowStatement(ShowTarget.CreateTrigger, Object: ParseTableName());
            case "PROCEDURE": return new ShowStatement(ShowTarget.CreateProcedure, Object: ParseTableName());
            case "FUNCTION": return new ShowStatement(ShowTarget.CreateFunction, Object: ParseTableName());
            case "EVENT": return new ShowStatement(ShowTarget.CreateEvent, Object: ParseTableName());
            default: throw ErrorAt(previous);
        }
    }

    /// <summary>DESCRIBE|DESC|EXPLAIN: a table (with an optional column or wildcard) or a statement to explain.</summary>
    private Statement ParseDescribeOrExplain()
    {
        Advance();
        var analyze = false;
        string? format = null;
        if (AcceptWord("ANALYZE")) analyze = true;
        if (AcceptWord("EXTENDED") || AcceptWord("PARTITIONS")) { }
        if (AcceptWord("FORMAT"))
        {
            Expect(TokenKind.Equal);
            format = ParseIdentifierOrString().ToUpperInvariant();
        }
        if (analyze || format is not null || Current.Kind == TokenKind.LeftParen
            || CurrentWordUpper is "SELECT" or "WITH" or "INSERT" or "REPLACE" or "UPDATE" or "DELETE" or "TABLE")
        {
            var statement = ParseStatement();
            if (statement is not (SelectStatement or InsertStatement or UpdateStatement or DeleteStatement)) throw ErrorAt(lastStatementStart);
            return new ExplainStatement(statement, format, analyze);
        }
        var table = ParseTableName();
        string? column = null;
        if (Current.Kind == TokenKind.String) column = ParseStringValue();
        else if (AtIdentifier) column = ParseIdentifier();
        return new DescribeTableStatement(table, column);
    }
}
