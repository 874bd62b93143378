using Microsoft.Data.Sqlite;

namespace Borealis.Bench.Engine;

/// <summary>The peer: SQLite through Microsoft.Data.Sqlite, WAL journal, synchronous=FULL (durable at commit), a connection per session.</summary>
internal sealed class SqliteKeyValue(string file) : IKeyValueSystem
{
    public string Name => "sqlite";

    public string ConnectionString { get; } = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();

    public static async Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=60000; PRAGMA cache_size=-1000000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    public async Task LoadAsync(long count, int batch, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(ConnectionString, cancellationToken).ConfigureAwait(false);
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS kv (k INTEGER PRIMARY KEY, v BLOB NOT NULL)";
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        var value = new byte[100];
        for (long start = 0; start < count; start += batch)
        {
            await using var trx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var insert = connection.CreateCommand();
            insert.Transaction = trx;
            insert.CommandText = "INSERT INTO kv (k, v) VALUES ($k, $v)";
            var k = insert.Parameters.Add("$k", SqliteType.Integer);
            insert.Parameters.AddWithValue("$v", value);
            for (var key = start; key < Math.Min(count, start + batch); key++)
            {
                k.Value = key;
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await trx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IKeyValueSession> OpenSessionAsync(CancellationToken cancellationToken) =>
        new Session(await OpenAsync(ConnectionString, cancellationToken).ConfigureAwait(false));

    private sealed class Session : IKeyValueSession
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _get, _scan, _update, _insert;

        public Session(SqliteConnection connection)
        {
            _connection = connection;
            _get = Prepare("SELECT v FROM kv WHERE k = $k", "$k");
            _scan = Prepare("SELECT k, v FROM kv WHERE k >= $k ORDER BY k LIMIT $n", "$k", "$n");
            _update = Prepare("UPDATE kv SET v = $v WHERE k = $k", "$k", "$v");
            _insert = Prepare("INSERT INTO kv (k, v) VALUES ($k, $v)", "$k", "$v");
        }

        private SqliteCommand Prepare(string sql, params string[] parameters)
        {
            var command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var p in parameters) command.Parameters.Add(new SqliteParameter(p, null));
            command.Prepare();
            return command;
        }

        public async ValueTask<bool> GetAsync(long key, CancellationToken cancellationToken)
        {
            _get.Parameters[0].Value = key;
            return await _get.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
        }

        public async ValueTask<int> ScanAsync(long from, int count, CancellationToken cancellationToken)
        {
            _scan.Parameters[0].Value = from;
            _scan.Parameters[1].Value = count;
            await using var reader = await _scan.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var seen = 0;
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) seen++;
            return seen;
        }

        public async ValueTask UpdateAsync(long key, byte[] value, CancellationToken cancellationToken)
        {
            _update.Parameters[0].Value = key;
            _update.Parameters[1].Value = value;
            await _update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        public async ValueTask InsertAsync(long key, byte[] value, CancellationToken cancellationToken)
        {
            _insert.Parameters[0].Value = key;
            _insert.Parameters[1].Value = value;
            await _insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var c in new[] { _get, _scan, _update, _insert }) await c.DisposeAsync().ConfigureAwait(false);
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
