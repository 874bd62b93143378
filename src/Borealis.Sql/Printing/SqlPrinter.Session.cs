using Borealis.Sql.Syntax;

namespace Borealis.Sql.Printing;

/// <summary>Transactions, SET/USE, SHOW/DESCRIBE/EXPLAIN, accounts and administration.</summary>
public sealed partial class SqlPrinter
{
    private bool SessionStatement(Statement statement)
    {
        switch (statement)
        {
            case StartTransactionStatement start:
                Write("START TRANSACTION");
                var characteristics = new List<string>();
                if (start.Characteristics.HasFlag(TransactionCharacteristics.WithConsistentSnapshot)) characteristics.Add("WITH CONSISTENT SNAPSHOT");
                if (start.Characteristics.HasFlag(TransactionCharacteristics.ReadOnly)) characteristics.Add("READ ONLY");
                if (start.Characteristics.HasFlag(TransactionCharacteristics.ReadWrite)) characteristics.Add("READ WRITE");
                if (characteristics.Count > 0) Write(' ').Write(string.Join(", ", characteristics));
                return true;
            case CommitStatement: Write("COMMIT"); return true;
            case RollbackStatement rollback:
                Write("ROLLBACK");
                if (rollback.ToSavepoint is not null) Write(" TO SAVEPOINT ").Identifier(rollback.ToSavepoint);
                return true;
            case SavepointStatement savepoint: Write("SAVEPOINT ").Identifier(savepoint.Name); return true;
            case ReleaseSavepointStatement release: Write("RELEASE SAVEPOINT ").Identifier(release.Name); return true;
            case SetTransactionStatement transaction: SetTransaction(transaction); return true;
            case SetStatement set:
                Write("SET ");
                List(set.Items, SetItem);
                return true;
            case SetPasswordStatement password:
                Write("SET PASSWORD");
                if (password.For is not null)
                {
                    Write(" FOR ");
                    User(password.For);
                }
                Write(" = ").StringValue(password.Password);
                return true;
            case UseStatement use: Write("USE ").Identifier(use.Database); return true;
            case ShowStatement show: Show(show); return true;
            case DescribeTableStatement describe:
                Write("DESCRIBE ").Name(describe.Table);
                if (describe.Column is not null) Write(' ').StringValue(describe.Column);
                return true;
            case ExplainStatement explain:
                Write("EXPLAIN ");
                if (explain.Analyze) Write("ANALYZE ");
                if (explain.Format is not null) Write("FORMAT=").BareName(explain.Format).Write(' ');
                Statement(explain.Statement);
                return true;
            case CreateUserStatement create:
                Write("CREATE USER ");
                if (create.IfNotExists) Write("IF NOT EXISTS ");
                List(create.Users, UserSpecification);
                Require(create.Require);
                return true;
            case AlterUserStatement alter:
                Write("ALTER USER ");
                if (alter.IfExists) Write("IF EXISTS ");
                List(alter.Users, UserSpecification);
                Require(alter.Require);
                return true;
            case DropUserStatement drop:
                Write("DROP USER ");
                if (drop.IfExists) Write("IF EXISTS ");
                List(drop.Users, User);
                return true;
            case GrantStatement grant:
                Write("GRANT ");
                List(grant.Privileges, Privilege);
                Write(" ON ");
                GrantLevel(grant.On);
                Write(" TO ");
                List(grant.To, UserSpecification);
                if (grant.WithGrantOption) Write(" WITH GRANT OPTION");
                return true;
            case RevokeStatement revoke:
                Write("REVOKE ");
                List(revoke.Privileges, Privilege);
                if (revoke.On is not null)
                {
                    Write(" ON ");
                    GrantLevel(revoke.On);
                }
                Write(" FROM ");
                List(revoke.From, User);
                return true;
            case KillStatement kill:
                Write(kill.QueryOnly ? "KILL QUERY " : "KILL CONNECTION ");
                Expr(kill.ConnectionId);
                return true;
            case LockTablesStatement lockTables:
                Write("LOCK TABLES ");
                List(lockTables.Locks, tableLock =>
                {
                    Name(tableLock.Table);
                    if (tableLock.Alias is not null) Write(" AS ").Identifier(tableLock.Alias);
                    Write(tableLock.Type switch
                    {
                        TableLockType.Read => " READ",
                        TableLockType.ReadLocal => " READ LOCAL",
                        TableLockType.Write => " WRITE",
                        _ => " LOW_PRIORITY WRITE",
                    });
                });
                return true;
            case UnlockTablesStatement: Write("UNLOCK TABLES"); return true;
            case PrepareStatement prepare:
                Write("PREPARE ").Identifier(prepare.Name).Write(" FROM ");
                Expr(prepare.Source);
                return true;
            case ExecuteStatement execute:
                Write("EXECUTE ").Identifier(execute.Name);
                if (!execute.Using.IsEmpty)
                {
                    Write(" USING ");
                    List(execute.Using, variable => Expr(variable));
                }
                return true;
            case DeallocatePrepareStatement deallocate: Write("DEALLOCATE PREPARE ").Identifier(deallocate.Name); return true;
            case FlushStatement flush:
                Write(flush.Local ? "FLUSH LOCAL " : "FLUSH ");
                List(flush.Options, option => Write(option));
                if (!flush.Tables.IsEmpty)
                {
                    Write(' ');
                    List(flush.Tables, name => Name(name));
                }
                if (flush.WithReadLock) Write(" WITH READ LOCK");
                return true;
            case TableMaintenanceStatement maintenance:
                Write(maintenance.Operation switch
                {
                    TableMaintenance.Analyze => "ANALYZE ",
                    TableMaintenance.Optimize => "OPTIMIZE ",
                    TableMaintenance.Check => "CHECK ",
                    TableMaintenance.Repair => "REPAIR ",
                    _ => "CHECKSUM ",
                });
                if (maintenance.Local) Write("LOCAL ");
                Write("TABLE ");
                List(maintenance.Tables, name => Name(name));
                foreach (var option in maintenance.Options) Write(' ').Write(option);
                return true;
            default:
                return false;
        }
    }

    private void SetTransaction(SetTransactionStatement transaction)
    {
        Write("SET ");
        if (transaction.Scope != VariableScope.Default) Write(ScopeName(transaction.Scope)).Write(' ');
        Write("TRANSACTION ");
        var parts = new List<string>();
        if (transaction.IsolationLevel is { } level)
        {
            parts.Add("ISOLATION LEVEL " + level switch
            {
                IsolationLevel.ReadUncommitted => "READ UNCOMMITTED",
                IsolationLevel.ReadCommitted => "READ COMMITTED",
                IsolationLevel.RepeatableRead => "REPEATABLE READ",
                _ => "SERIALIZABLE",
            });
        }
        if (transaction.ReadOnly is { } readOnly) parts.Add(readOnly ? "READ ONLY" : "READ WRITE");
        Write(string.Join(", ", parts));
    }

    private void SetItem(SetItem item)
    {
        switch (item)
        {
            case SetNames names:
                Write("NAMES ");
                if (names.CharacterSet is null) Write("DEFAULT");
                else BareName(names.CharacterSet);
                if (names.Collation is not null) Write(" COLLATE ").BareName(names.Collation);
                break;
            case SetCharacterSet charset:
                Write("CHARACTER SET ");
                if (charset.CharacterSet is null) Write("DEFAULT");
                else BareName(charset.CharacterSet);
                break;
            case VariableAssignment assignment:
                if (assignment.Variable is SystemVariable { Scope: not VariableScope.Default } scoped)
                {
                    Write(ScopeName(scoped.Scope)).Write(' ');
                    SystemVariableName(scoped.Name);
                }
                else if (assignment.Variable is SystemVariable plain)
                {
                    SystemVariableName(plain.Name);
                }
                else
                {
                    Expr(assignment.Variable);
                }
                Write(" = ");
                if (assignment.Value is ColumnReference { Schema: null, Table: null, Column: "ON" or "ALL" or "BINARY" or "ROW" or "SYSTEM" } keyword) Write(keyword.Column);
                else Expr(assignment.Value);
                break;
        }
    }

    private void UserSpecification(UserSpecification specification)
    {
        User(specification.User);
        if (specification.Authentication is not { } auth) return;
        Write(" IDENTIFIED");
        if (auth.Plugin is not null) Write(" WITH ").Identifier(auth.Plugin);
        if (auth.Password is not null) Write(" BY ").StringValue(auth.Password);
        if (auth.AuthString is not null) Write(" AS ").StringValue(auth.AuthString);
    }

    private void Require(TlsRequirement require)
    {
        Write(require switch
        {
            TlsRequirement.None => " REQUIRE NONE",
            TlsRequirement.Ssl => " REQUIRE SSL",
            TlsRequirement.X509 => " REQUIRE X509",
            _ => "",
        });
    }

    private void Privilege(Privilege privilege)
    {
        Write(privilege.Name);
        if (!privilege.Columns.IsEmpty) Write(" (").IdentifierList(privilege.Columns).Write(')');
    }

    private void GrantLevel(GrantLevel level)
    {
        Write(level.ObjectType switch { GrantObjectType.Table => "TABLE ", GrantObjectType.Function => "FUNCTION ", GrantObjectType.Procedure => "PROCEDURE ", _ => "" });
        if (level.Database is not null)
        {
            if (level.Database == "*") Write('*');
            else Identifier(level.Database);
            Write('.');
        }
        if (level.Table == "*") Write('*');
        else Identifier(level.Table);
    }

    private void Show(ShowStatement show)
    {
        Write("SHOW ");
        if (show.Full) Write("FULL ");
        if (show.Scope != VariableScope.Default) Write(ScopeName(show.Scope)).Write(' ');
        switch (show.Target)
        {
            case ShowTarget.Columns or ShowTarget.Indexes:
                Write(show.Target == ShowTarget.Columns ? "COLUMNS FROM " : "INDEX FROM ").Name(show.Object!);
                ShowFrom(show.Database);
                break;
            case ShowTarget.CreateDatabase:
                Write("CREATE DATABASE ");
                if (show.IfNotExists) Write("IF NOT EXISTS ");
                Identifier(show.Object!.Name);
                break;
            case ShowTarget.CreateUser:
                Write("CREATE USER ");
                User(show.User!);
                break;
            case ShowTarget.Grants:
                Write("GRANTS");
                if (show.User is not null)
                {
                    Write(" FOR ");
                    User(show.User);
                }
                break;
            case ShowTarget.EngineStatus:
                Write("ENGINE ").Identifier(show.Engine!).Write(" STATUS");
                break;
            default:
                Write(ShowTargetWords(show.Target));
                if (show.Object is not null) Write(' ').Name(show.Object);
                ShowFrom(show.Database);
                break;
        }
        if (show.Filter is { } filter)
        {
            if (filter.Like is not null) Write(" LIKE ").StringValue(filter.Like);
            else
            {
                Write(" WHERE ");
                Expr(filter.Where!);
            }
        }
        if (show.Limit is not null) Limit(show.Limit);
    }

    private void ShowFrom(string? database)
    {
        if (database is not null) Write(" FROM ").Identifier(database);
    }

    private static string ShowTargetWords(ShowTarget target) => target switch
    {
        ShowTarget.Databases => "DATABASES",
        ShowTarget.Tables => "TABLES",
        ShowTarget.CreateTable => "CREATE TABLE",
        ShowTarget.CreateView => "CREATE VIEW",
        ShowTarget.Variables => "VARIABLES",
        ShowTarget.Status => "STATUS",
        ShowTarget.ProcessList => "PROCESSLIST",
        ShowTarget.Warnings => "WARNINGS",
        ShowTarget.Errors => "ERRORS",
        ShowTarget.WarningCount => "COUNT(*) WARNINGS",
        ShowTarget.ErrorCount => "COUNT(*) ERRORS",
        ShowTarget.Engines => "ENGINES",
        ShowTarget.CharacterSets => "CHARACTER SET",
        ShowTarget.Collations => "COLLATION",
        ShowTarget.TableStatus => "TABLE STATUS",
        ShowTarget.OpenTables => "OPEN TABLES",
        ShowTarget.Triggers => "TRIGGERS",
        ShowTarget.Events => "EVENTS",
        ShowTarget.FunctionStatus => "FUNCTION STATUS",
        ShowTarget.ProcedureStatus => "PROCEDURE STATUS",
        ShowTarget.PackageStatus => "PACKAGE STATUS",
        ShowTarget.PackageBodyStatus => "PACKAGE BODY STATUS",
        ShowTarget.CreateTrigger => "CREATE TRIGGER",
        ShowTarget.CreateProcedure => "CREATE PROCEDURE",
        ShowTarget.CreateFunction => "CREATE FUNCTION",
        ShowTarget.CreateEvent => "CREATE EVENT",
        ShowTarget.Privileges => "PRIVILEGES",
        ShowTarget.Plugins => "PLUGINS",
        ShowTarget.MasterStatus => "MASTER STATUS",
        ShowTarget.BinaryLogStatus => "BINARY LOG STATUS",
        ShowTarget.BinaryLogs => "BINARY LOGS",
        ShowTarget.ReplicaStatus => "REPLICA STATUS",
        _ => target.ToString().ToUpperInvariant(),
    };
}
