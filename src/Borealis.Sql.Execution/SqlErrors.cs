using Borealis.Engine;
using Borealis.MySql;

namespace Borealis.Sql.Execution;

/// <summary>
/// The errors execution answers with, all through <see cref="MySqlErrors"/> (one table of
/// numbers, SQLSTATEs and texts) except the ones whose text is decided elsewhere.
/// </summary>
internal static class SqlErrors
{
    /// <summary>1235: the honest answer for what this slice does not do (never a wrong result).</summary>
    public static MySqlErrorException NotSupported(string what) =>
        new((int)MySqlErrorCode.NotSupportedYet, "42000", $"This version of Borealis doesn't yet support '{what}'");

    public static MySqlErrorException Of(MySqlErrorCode code, params object?[] args) => new(code, args);

    public static MySqlErrorException NoDatabase() => new(MySqlErrorCode.NoDbError);
    public static MySqlErrorException UnknownDatabase(string name) => new(MySqlErrorCode.BadDbError, name);
    public static MySqlErrorException NoSuchTable(string db, string table) => new(MySqlErrorCode.NoSuchTable, db, table);
    public static MySqlErrorException UnknownColumn(string column, string clause) => new(MySqlErrorCode.BadFieldError, column, clause);

    /// <summary>Engine errors carry their MySQL number and SQLSTATE (1213, 1205, 3572...).</summary>
    public static MySqlErrorException FromEngine(EngineException e) => new(e.ErrorNumber, e.SqlState, e.Message);

    public static MySqlErrorException FromParser(SqlSyntaxException e) => new(e.ErrorNumber, e.SqlState, e.Message);
}
