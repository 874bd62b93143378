using System.Text;
using Borealis.Engine;
using Borealis.Engine.Locks;
using Borealis.MySql;
using Borealis.MySql.Protocol;
using Borealis.Sql.Execution.Catalog;
using Borealis.Sql.Execution.Values;
using Borealis.Sql.Syntax;
using EngineIsolation = Borealis.Engine.Transactions.IsolationLevel;
using EngineTransaction = Borealis.Engine.Transactions.Transaction;

namespace Borealis.Sql.Execution;

/// <summary>
/// One client connection's SQL state: current database, variables, the open transaction. Each
/// statement runs in the open transaction, or (autocommit) in one of its own that commits when
/// the statement succeeds. Split by statement family into partial files.
/// </summary>
public sealed partial class SqlSession : IMySqlSession
{
    private readonly SqlCatalog _catalog;
    private readonly MySqlSessionContext _context;
    private EngineTransaction? _trx;
    private bool _explicit;

    internal SqlSession(SqlCatalog catalog, MySqlSessionContext context)
    {
        _catalog = catalog;
        _context = context;
        // Set by InitDbAsync, which checks it exists (the protocol calls it for CONNECT_WITH_DB).
    }

    internal SessionVariables Variables { get; } = new();
    internal Dictionary<string, SqlValue> UserVariables { get; } = [];
    internal string? CurrentDatabase { get; private set; }
    internal ulong LastInsertId { get; set; }
    internal long PreviousRowCount { get; private set; } = -1;
    internal uint ConnectionId => _context.ConnectionId.Value;
    internal string UserAtHost => _context.User + "@" + _context.ClientHost;
    internal string CurrentUser => _context.Account.User + "@" + _context.Account.Host;

    public ServerStatus Status
    {
        get
        {
            var status = ServerStatus.None;
            if (Variables.Autocommit) status |= ServerStatus.Autocommit;
            if (_explicit) status |= ServerStatus.InTransaction;
            return status;
        }
    }

    public ValueTask InitDbAsync(string database, CancellationToken cancellationToken)
    {
        Use(database);
        return ValueTask.CompletedTask;
    }

    private void Use(string database)
    {
        if (!_catalog.DatabaseExists(database)) throw SqlErrors.UnknownDatabase(database);
        CurrentDatabase = database;
    }

    public async ValueTask QueryAsync(ReadOnlyMemory<byte> sql, MySqlResultWriter results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        var text = SurrogateEscape.Decode(sql.Span);
        IEnumerator<ParsedStatement> statements;
        try { statements = SqlParser.ParseEach(text).GetEnumerator(); }
        catch (SqlSyntaxException e) { throw SqlErrors.FromParser(e); }
        using (statements)
        {
            while (true)
            {
                Statement statement;
                try
                {
                    if (!statements.MoveNext()) break;
                    statement = statements.Current.Statement;
                }
                catch (SqlSyntaxException e) { throw SqlErrors.FromParser(e); }
                if (statement is EmptyStatement) continue;
                await RunAsync(statement, [], results, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs one statement in the open transaction or an autocommit one; errors become ERR packets.</summary>
    internal async ValueTask RunAsync(Statement statement, SqlValue[] parameters, MySqlResultWriter results, CancellationToken cancellationToken)
    {
        _statementStarted = false;
        try
        {
            await DispatchAsync(statement, parameters, results, cancellationToken).ConfigureAwait(false);
        }
        catch (LockDeadlockException e)
        {
            // InnoDB rolls the whole transaction back on a deadlock.
            RollbackTransaction();
            throw SqlErrors.FromEngine(e);
        }
        catch (EngineException e)
        {
            FailStatement();
            throw SqlErrors.FromEngine(e);
        }
        catch (MySqlErrorException)
        {
            FailStatement();
            throw;
        }
        catch
        {
            FailStatement();
            throw;
        }
    }

    private async ValueTask DispatchAsync(Statement statement, SqlValue[] parameters, MySqlResultWriter results, CancellationToken cancellationToken)
    {
        switch (statement)
        {
            case SelectStatement select: await SelectAsync(select, parameters, results, cancellationToken).ConfigureAwait(false); return;
            case InsertStatement insert: await InsertAsync(insert, parameters, results, cancellationToken).ConfigureAwait(false); return;
            case UpdateStatement update: await UpdateAsync(update, parameters, results, cancellationToken).ConfigureAwait(false); return;
            case DeleteStatement delete: await DeleteAsync(delete, parameters, results, cancellationToken).ConfigureAwait(false); return;
            case StartTransactionStatement start: await BeginAsync(start, cancellationToken).ConfigureAwait(false); results.WriteOk(); return;
            case CommitStatement: await CommitAsync(cancellationToken).ConfigureAwait(false); results.WriteOk(); return;
            case RollbackStatement rollback: Rollback(rollback); results.WriteOk(); return;
            case SavepointStatement savepoint: Transaction().Savepoint(savepoint.Name); results.WriteOk(); return;
            case ReleaseSavepointStatement release: Transaction().ReleaseSavepoint(release.Name); results.WriteOk(); return;
            case SetStatement set: await SetAsync(set, parameters, cancellationToken).ConfigureAwait(false); results.WriteOk(); return;
            case SetTransactionStatement setTransaction: SetTransaction(setTransaction); results.WriteOk(); return;
            case UseStatement use: Use(use.Database); results.WriteOk(); return;
            case CreateDatabaseStatement or DropDatabaseStatement or CreateTableStatement or DropTableStatement or TruncateTableStatement:
                await DdlAsync(statement, results, cancellationToken).ConfigureAwait(false);
                return;
            case ShowStatement show: await ShowAsync(show, parameters, results).ConfigureAwait(false); return;
            case DescribeTableStatement describe: await DescribeAsync(describe.Table, results).ConfigureAwait(false); return;
            case DoStatement doStatement:
            {
                var evaluator = new Expressions.Evaluator(this, parameters);
                foreach (var e in doStatement.Expressions) evaluator.Eval(e, new Expressions.RowScope(null, null));
                results.WriteOk();
                return;
            }
            default:
                throw SqlErrors.NotSupported(StatementName(statement));
        }
    }

    private static string StatementName(Statement statement)
    {
        var text = statement.ToString();
        var words = text.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 2 ? words[0] + " " + words[1] : text;
    }

    internal string RequireDatabase(TableName table) => table.Schema ?? CurrentDatabase ?? throw SqlErrors.NoDatabase();

    public ValueTask FieldListAsync(string table, string? wildcard, MySqlResultWriter results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        var db = CurrentDatabase ?? throw SqlErrors.NoDatabase();
        var runtime = _catalog.GetTable(db, table);
        results.WriteFieldList([.. runtime.Def.Columns.Select(c => ResultSet.ColumnOf(runtime, c, c.Name))]);
        return ValueTask.CompletedTask;
    }

    public ValueTask ResetAsync(CancellationToken cancellationToken)
    {
        RollbackTransaction();
        Variables.Reset();
        UserVariables.Clear();
        LastInsertId = 0;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        RollbackTransaction();
        return ValueTask.CompletedTask;
    }

    internal static EngineIsolation ToEngine(string isolation) => isolation switch
    {
        "READ-UNCOMMITTED" => EngineIsolation.ReadUncommitted,
        "READ-COMMITTED" => EngineIsolation.ReadCommitted,
        "SERIALIZABLE" => EngineIsolation.Serializable,
        _ => EngineIsolation.RepeatableRead,
    };
}
