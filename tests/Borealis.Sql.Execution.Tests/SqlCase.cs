namespace Borealis.Sql.Execution.Tests;

/// <summary>
/// One behaviour as data (STYLE.md item 7): statements to set up, a query, and either its rows
/// (each row's values joined by " | ", NULL as NULL) or the MySQL error number it must answer.
/// Each case runs in a fresh database of its own.
/// </summary>
public sealed record SqlCase(string Name, string[] Setup, string Query, string[]? Rows = null, int Error = 0, bool Ordered = true)
{
    public static SqlCase Rows_(string name, string[] setup, string query, params string[] rows) => new(name, setup, query, rows);

    public static SqlCase Fails(string name, string[] setup, string query, int error) => new(name, setup, query, null, error);

    /// <summary>False when the client cannot prepare the query (MySqlConnector takes @name for its own parameters).</summary>
    public bool Prepared { get; init; } = true;

    public override string ToString() => Name;
}
