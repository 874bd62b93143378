using System.Globalization;
using Borealis.Sql.Execution.Tests.Cases;
using MySqlConnector;

namespace Borealis.Sql.Execution.Tests;

/// <summary>
/// The harness for every case table in Cases/: each case in a fresh database, run through the
/// MySQL endpoint (so through the session, the catalog and the engine on the fleet), with text
/// protocol and again with prepared statements.
/// </summary>
public sealed class SqlCaseTests(SqlFixture fixture) : IClassFixture<SqlFixture>
{
    private static int s_database;

    public static TheoryData<SqlCase> All()
    {
        var data = new TheoryData<SqlCase>();
        foreach (var c in DdlCases.All.Concat(InsertCases.All).Concat(SelectCases.All).Concat(ExpressionCases.All)
                     .Concat(UpdateDeleteCases.All).Concat(TransactionCases.All).Concat(SessionCases.All))
            data.Add(c);
        return data;
    }

    [Theory]
    [MemberData(nameof(All))]
    public Task TextProtocol(SqlCase c) => RunAsync(c, prepare: false);

    [Theory]
    [MemberData(nameof(All))]
    public Task PreparedStatements(SqlCase c) => RunAsync(c, prepare: true);

    private async Task RunAsync(SqlCase c, bool prepare)
    {
        if (prepare && !c.Prepared) return;
        var db = "case" + Interlocked.Increment(ref s_database).ToString(CultureInfo.InvariantCulture);
        await using (var admin = new MySqlConnection(fixture.Host.ConnectionString()))
        {
            await admin.OpenAsync();
            await using var create = new MySqlCommand($"CREATE DATABASE {db}", admin);
            await create.ExecuteNonQueryAsync();
        }
        await using var connection = new MySqlConnection(fixture.Host.ConnectionString(db, prepare));
        await connection.OpenAsync();
        foreach (var statement in c.Setup)
        {
            await using var setup = new MySqlCommand(statement, connection);
            await setup.ExecuteNonQueryAsync();
        }
        await using var command = new MySqlCommand(c.Query, connection);
        if (c.Error != 0)
        {
            // A prepared statement may fail at prepare (syntax) or at execute (everything else).
            var e = await Assert.ThrowsAsync<MySqlException>(async () =>
            {
                if (prepare) await command.PrepareAsync();
                await using var failing = await command.ExecuteReaderAsync();
            });
            Assert.Equal(c.Error, e.Number);
            return;
        }
        if (prepare) await command.PrepareAsync();
        var rows = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            do
            {
                while (await reader.ReadAsync())
                {
                    var values = new string[reader.FieldCount];
                    for (var i = 0; i < values.Length; i++) values[i] = Format(reader.GetValue(i));
                    rows.Add(string.Join(" | ", values));
                }
            }
            while (await reader.NextResultAsync());
        }
        var expected = c.Rows ?? [];
        if (!c.Ordered)
        {
            expected = [.. expected.Order(StringComparer.Ordinal)];
            rows.Sort(StringComparer.Ordinal);
        }
        Assert.Equal(expected, rows);
    }

    private static string Format(object value) => value switch
    {
        DBNull => "NULL",
        DateTime d => d.TimeOfDay == TimeSpan.Zero && d.Millisecond == 0 ? d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        byte[] b => "0x" + Convert.ToHexString(b),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
