namespace Borealis.MySql;

/// <summary>
/// A prepared statement as the SQL layer describes it: its parameters and result columns, and
/// whatever the SQL layer keeps to execute it (its plan). The protocol layer gives it an id.
/// </summary>
public sealed class MySqlStatement(IReadOnlyList<MySqlColumn> parameters, IReadOnlyList<MySqlColumn> columns, object? plan = null)
{
    public IReadOnlyList<MySqlColumn> Parameters { get; } = parameters;

    public IReadOnlyList<MySqlColumn> Columns { get; } = columns;

    public object? Plan { get; } = plan;

    public ushort Warnings { get; init; }
}
