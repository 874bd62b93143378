using System.Text;
using Borealis.MySql.Protocol;

namespace Borealis.MySql.Tests.Harness;

/// <summary>
/// A protocol test harness, not SQL: answers a fixed set of statements from in-memory data so
/// that every column type, NULLs, large rows, multi-results, errors and prepared statements
/// cross the wire. Lives in the tests only.
/// </summary>
public sealed class TestSession(MySqlSessionContext context) : IMySqlSession
{
    public static readonly MySqlColumn[] TypeColumns =
    [
        new("t_tiny", ColumnType.Tiny) { Length = 4 },
        new("t_utiny", ColumnType.Tiny) { Length = 3, Flags = ColumnFlags.Unsigned },
        new("t_short", ColumnType.Short) { Length = 6 },
        new("t_int24", ColumnType.Int24) { Length = 9 },
        new("t_long", ColumnType.Long) { Length = 11 },
        new("t_longlong", ColumnType.LongLong) { Length = 20 },
        new("t_ulonglong", ColumnType.LongLong) { Length = 20, Flags = ColumnFlags.Unsigned },
        new("t_float", ColumnType.Float) { Length = 12, Decimals = 31 },
        new("t_double", ColumnType.Double) { Length = 22, Decimals = 31 },
        new("t_decimal", ColumnType.NewDecimal) { Length = 12, Decimals = 3 },
        new("t_date", ColumnType.Date) { Length = 10 },
        new("t_datetime", ColumnType.DateTime) { Length = 26, Decimals = 6 },
        new("t_timestamp", ColumnType.Timestamp) { Length = 19 },
        new("t_time", ColumnType.Time) { Length = 10 },
        new("t_year", ColumnType.Year) { Length = 4, Flags = ColumnFlags.Unsigned | ColumnFlags.Zerofill },
        new("t_varchar", ColumnType.VarString) { Length = 1020 },
        new("t_blob", ColumnType.Blob) { Length = 65535, Collation = Collations.Binary, Flags = ColumnFlags.Blob | ColumnFlags.Binary },
        new("t_json", ColumnType.Json) { Length = 4294967295 },
        new("t_bit", ColumnType.Bit) { Length = 8, Flags = ColumnFlags.Unsigned },
        new("t_enum", ColumnType.String) { Length = 4, Flags = ColumnFlags.Enum },
        new("t_bool", ColumnType.Tiny) { Length = 1 },
    ];

    public static readonly byte[] BlobValue = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

    private static readonly MySqlColumn[] OneBigInt = [new("1", ColumnType.LongLong) { Length = 1, Flags = ColumnFlags.NotNull }];
    private static readonly MySqlColumn[] TextColumn = [new("value", ColumnType.VarString) { Length = 1020 }];
    private static readonly MySqlColumn[] BigColumn = [new("big", ColumnType.LongBlob) { Collation = Collations.Binary, Flags = ColumnFlags.Blob | ColumnFlags.Binary }];
    private static readonly MySqlColumn[] RowsColumns = [new("id", ColumnType.LongLong) { Length = 20 }, new("name", ColumnType.VarString) { Length = 100 }];

    private string? _database = context.Database;
    private bool _inTransaction;

    public MySqlSessionContext Context { get; } = context;

    public ServerStatus Status => ServerStatus.Autocommit | (_inTransaction ? ServerStatus.InTransaction : 0);

    public bool MayKillOtherUsers => Context.User == "native";

    public int ResetCount { get; private set; }

    public ValueTask InitDbAsync(string database, CancellationToken cancellationToken)
    {
        if (database == "nodb") throw new MySqlErrorException(MySqlErrorCode.BadDbError, database);
        _database = database;
        return ValueTask.CompletedTask;
    }

    public async ValueTask QueryAsync(ReadOnlyMemory<byte> sql, MySqlResultWriter results, CancellationToken cancellationToken)
    {
        var text = Encoding.UTF8.GetString(sql.Span).Trim();
        if (text.StartsWith("select len ", StringComparison.OrdinalIgnoreCase))
        {
            // Large client packets: the rest of the text is not split on ';'.
            results.StartResultSet(OneBigInt);
            results.StartRow();
            results.WriteInt64(text.Length - "select len ".Length);
            await results.EndRowAsync();
            results.EndResultSet();
            return;
        }
        var statements = text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (statements.Length == 0) throw new MySqlErrorException(MySqlErrorCode.EmptyQuery);
        if (statements.Length > 1 && !Context.MultiStatements) throw new MySqlErrorException(MySqlErrorCode.ParseError, statements[1], 1);
        foreach (var statement in statements) await RunAsync(statement, results, cancellationToken);
    }

    private async ValueTask RunAsync(string statement, MySqlResultWriter results, CancellationToken ct)
    {
        var s = statement.ToLowerInvariant();
        var words = s.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        switch (s)
        {
            case "select 1":
                await WriteSingleAsync(results, 1);
                return;
            case "select 2":
                await WriteSingleAsync(results, 2);
                return;
            case "select @@version_comment limit 1":
                await WriteTextAsync(results, "Borealis protocol test");
                return;
            case "select database()":
                await WriteTextAsync(results, _database);
                return;
            case "select user()":
                await WriteTextAsync(results, $"{Context.User}@{Context.ClientHost}");
                return;
            case "select current_user()":
                await WriteTextAsync(results, $"{Context.Account.User}@{Context.Account.Host}");
                return;
            case "select connection_id()":
                await WriteSingleAsync(results, Context.ConnectionId.Value);
                return;
            case "select ssl()":
                await WriteTextAsync(results, Context.IsTls ? "yes" : "no");
                return;
            case "select types":
                await WriteTypesAsync(results);
                return;
            case "select empty":
                results.StartResultSet(RowsColumns);
                results.EndResultSet();
                return;
            case "begin":
                _inTransaction = true;
                results.WriteOk();
                return;
            case "commit":
                _inTransaction = false;
                results.WriteOk();
                return;
            case "insert":
                results.WriteOk(affectedRows: 1, lastInsertId: 42, warnings: 0, info: null);
                return;
            case "update":
                results.WriteOk(affectedRows: Context.FoundRows ? 3UL : 1UL, info: "Rows matched: 3  Changed: 1  Warnings: 0");
                return;
            case "select missing":
                throw new MySqlErrorException(MySqlErrorCode.NoSuchTable, _database ?? "test", "missing");
            case "sleep":
                await Task.Delay(Timeout.Infinite, ct);
                return;
            case "half":
                // Rows, then a failure in the middle of the result set.
                results.StartResultSet(RowsColumns);
                results.StartRow();
                results.WriteInt64(1);
                results.WriteString("one"u8);
                await results.EndRowAsync();
                throw new MySqlErrorException(MySqlErrorCode.QueryInterrupted);
            case "crash":
                throw new InvalidOperationException("harness bug on purpose");
        }
        // MySqlConnector's cancellation clean-up after KILL QUERY.
        if (words is ["set", ..] || s.StartsWith("select sleep(0)", StringComparison.Ordinal))
        {
            results.WriteOk();
            return;
        }
        if (words is ["select", "big", var size])
        {
            var n = int.Parse(size, System.Globalization.CultureInfo.InvariantCulture);
            var value = new byte[n];
            value.AsSpan().Fill((byte)'x');
            value[0] = (byte)'<';
            value[^1] = (byte)'>';
            results.StartResultSet(BigColumn);
            results.StartRow();
            results.WriteString(value);
            await results.EndRowAsync();
            results.EndResultSet();
            return;
        }
        if (words is ["select", "rows", var count])
        {
            await WriteRowsAsync(results, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
            return;
        }
        if (words is ["kill", ..])
        {
            var queryOnly = words.Length == 3 && words[1] == "query";
            var id = uint.Parse(words[^1], System.Globalization.CultureInfo.InvariantCulture);
            Context.Server.Kill(new MySqlConnectionId(id), queryOnly, Context, MayKillOtherUsers);
            results.WriteOk();
            return;
        }
        throw new MySqlErrorException(MySqlErrorCode.ParseError, statement, 1);
    }

    private static async ValueTask WriteSingleAsync(MySqlResultWriter results, long value)
    {
        results.StartResultSet(OneBigInt);
        results.StartRow();
        results.WriteInt64(value);
        await results.EndRowAsync();
        results.EndResultSet();
    }

    private static async ValueTask WriteTextAsync(MySqlResultWriter results, string? value)
    {
        results.StartResultSet(TextColumn);
        results.StartRow();
        if (value is null) results.WriteNull();
        else results.WriteString(value.AsSpan());
        await results.EndRowAsync();
        results.EndResultSet();
    }

    internal static async ValueTask WriteRowsAsync(MySqlResultWriter results, int count)
    {
        results.StartResultSet(RowsColumns);
        for (var i = 0; i < count; i++)
        {
            results.StartRow();
            results.WriteInt64(i);
            if (i % 10 == 9) results.WriteNull();
            else results.WriteString("row-name"u8);
            await results.EndRowAsync();
        }
        results.EndResultSet();
    }

    /// <summary>One row of every type, then one row of NULLs.</summary>
    internal static async ValueTask WriteTypesAsync(MySqlResultWriter results)
    {
        results.StartResultSet(TypeColumns);
        results.StartRow();
        results.WriteInt64(-5);
        results.WriteUInt64(200);
        results.WriteInt64(-30000);
        results.WriteInt64(-8000000);
        results.WriteInt64(-2000000000);
        results.WriteInt64(-9000000000000000000);
        results.WriteUInt64(18000000000000000000);
        results.WriteFloat(1.5f);
        results.WriteDouble(Math.PI);
        results.WriteDecimal(12345.678m);
        results.WriteDateTime(new MySqlDateTime(2024, 2, 29));
        results.WriteDateTime(new MySqlDateTime(2024, 2, 29, 13, 14, 15, 123456));
        results.WriteDateTime(new MySqlDateTime(2001, 2, 3, 4, 5, 6));
        results.WriteTime(new MySqlTime(true, 34, 22, 59, 59));
        results.WriteInt64(2024);
        results.WriteString("héllo wörld".AsSpan());
        results.WriteString(BlobValue);
        results.WriteString("{\"a\": 1}"u8);
        results.WriteUInt64(0b1010_0101);
        results.WriteString("b"u8);
        results.WriteInt64(1);
        await results.EndRowAsync();
        results.StartRow();
        for (var i = 0; i < TypeColumns.Length; i++) results.WriteNull();
        await results.EndRowAsync();
        results.EndResultSet();
    }

    public ValueTask<MySqlStatement> PrepareAsync(ReadOnlyMemory<byte> sql, CancellationToken cancellationToken)
    {
        var text = Encoding.UTF8.GetString(sql.Span).Trim().TrimEnd(';');
        var lower = text.ToLowerInvariant();
        var parameters = text.Count(c => c == '?');
        var parameterColumns = Enumerable.Range(0, parameters).Select(i => new MySqlColumn("?", ColumnType.VarString)).ToArray();
        MySqlColumn[] columns;
        if (lower.StartsWith("select echo", StringComparison.Ordinal))
            columns = Enumerable.Range(0, parameters).Select(i => new MySqlColumn($"p{i}", ColumnType.VarString)).ToArray();
        else if (lower == "select types")
            columns = TypeColumns;
        else if (lower.StartsWith("select rows", StringComparison.Ordinal))
            columns = RowsColumns;
        else if (lower is "select 1" or "select ?")
            columns = OneBigInt;
        else if (lower.StartsWith("insert", StringComparison.Ordinal) || lower == "sleep")
            columns = [];
        else
            throw new MySqlErrorException(MySqlErrorCode.ParseError, text, 1);
        return ValueTask.FromResult(new MySqlStatement(parameterColumns, columns, lower));
    }

    public async ValueTask ExecuteAsync(MySqlStatement statement, ReadOnlyMemory<MySqlParameterValue> parameters, MySqlResultWriter results, CancellationToken cancellationToken)
    {
        var text = (string)statement.Plan!;
        if (text.StartsWith("select echo", StringComparison.Ordinal))
        {
            await EchoAsync(parameters, results);
            return;
        }
        switch (text)
        {
            case "select types":
                await WriteTypesAsync(results);
                return;
            case "select 1":
                await WriteSingleAsync(results, 1);
                return;
            case "select ?":
                await WriteSingleAsync(results, parameters.Span[0].Int64);
                return;
            case "sleep":
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return;
        }
        if (text.StartsWith("select rows", StringComparison.Ordinal))
        {
            var count = parameters.Length > 0 ? (int)parameters.Span[0].Int64 : int.Parse(text["select rows ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            await WriteRowsAsync(results, count);
            return;
        }
        results.WriteOk(affectedRows: (ulong)parameters.Length, lastInsertId: 7);
    }

    /// <summary>Returns each parameter as a column of the type it was sent with, decoded and re-encoded.</summary>
    private static async ValueTask EchoAsync(ReadOnlyMemory<MySqlParameterValue> parameters, MySqlResultWriter results)
    {
        var values = parameters.ToArray();
        var columns = values.Select((p, i) => new MySqlColumn($"p{i}", EchoType(p.Type))
        {
            Flags = p.IsUnsigned ? ColumnFlags.Unsigned : ColumnFlags.None,
            Decimals = p.Type is ColumnType.DateTime or ColumnType.Timestamp or ColumnType.Time ? (byte)6 : (byte)0,
            Length = p.Type == ColumnType.Tiny ? 4u : 255u,
            Collation = p.Type == ColumnType.Blob || p.Type == ColumnType.LongBlob || p.Type == ColumnType.MediumBlob || p.Type == ColumnType.TinyBlob ? Collations.Binary : (ushort)0,
        }).ToArray();
        results.StartResultSet(columns);
        results.StartRow();
        foreach (var p in values)
        {
            if (p.IsNull) results.WriteNull();
            else if (p.IsInteger && p.IsUnsigned) results.WriteUInt64(p.UInt64);
            else if (p.IsInteger) results.WriteInt64(p.Int64);
            else if (p.Type == ColumnType.Float) results.WriteFloat((float)p.Double);
            else if (p.Type == ColumnType.Double) results.WriteDouble(p.Double);
            else if (p.Type is ColumnType.Date or ColumnType.DateTime or ColumnType.Timestamp) results.WriteDateTime(p.DateTime);
            else if (p.Type == ColumnType.Time) results.WriteTime(p.Time);
            else results.WriteString(p.Bytes.Span);
        }
        await results.EndRowAsync();
        results.EndResultSet();
    }

    private static ColumnType EchoType(ColumnType type) => type switch
    {
        ColumnType.Null => ColumnType.VarString,
        ColumnType.Decimal => ColumnType.NewDecimal,
        ColumnType.VarChar => ColumnType.VarString,
        _ => type,
    };

    public void CloseStatement(MySqlStatement statement) => ClosedStatements++;

    public int ClosedStatements { get; private set; }

    public ValueTask FieldListAsync(string table, string? wildcard, MySqlResultWriter results, CancellationToken cancellationToken)
    {
        if (table != "t") throw new MySqlErrorException(MySqlErrorCode.NoSuchTable, _database ?? "test", table);
        results.WriteFieldList([RowsColumns[0] with { Table = "t", DefaultValue = "0" }, RowsColumns[1] with { Table = "t" }]);
        return ValueTask.CompletedTask;
    }

    public ValueTask ResetAsync(CancellationToken cancellationToken)
    {
        ResetCount++;
        _inTransaction = false;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

public sealed class TestSessionFactory : IMySqlSessionFactory
{
    public ValueTask<IMySqlSession> OpenAsync(MySqlSessionContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IMySqlSession>(new TestSession(context));
}
