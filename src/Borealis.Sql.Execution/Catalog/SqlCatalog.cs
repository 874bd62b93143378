using System.Text;
using System.Text.Json;
using Borealis.Engine.BTrees;
using Borealis.Engine.Transactions;
using Borealis.MySql;

namespace Borealis.Sql.Execution.Catalog;

/// <summary>
/// Databases and tables, kept in the engine: the first index ever created on the database is
/// the catalog, holding "d:db" → database JSON and "t:db/table" → table JSON. Every change is
/// DDL: the engine indexes are created first (durable at once), then the catalog entry is
/// written in its own transaction, so a crash in between leaves only an unreferenced index.
/// The in-memory maps are changed after the commit, under <see cref="_ddl"/>.
/// </summary>
public sealed class SqlCatalog
{
    private readonly SemaphoreSlim _ddl = new(1, 1);
    private readonly Dictionary<string, DatabaseDef> _databases = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Db, string Table), TableRuntime> _tables = [];
    private readonly object _gate = new();

    private SqlCatalog(Database database, IndexTree index)
    {
        Database = database;
        Index = index;
    }

    public Database Database { get; }
    internal IndexTree Index { get; }

    public static async Task<SqlCatalog> OpenAsync(Database database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var ids = database.IndexIds;
        var index = ids.Count == 0 ? await database.CreateIndexAsync(cancellationToken).ConfigureAwait(false) : database.GetIndex(ids[0]);
        var catalog = new SqlCatalog(database, index);
        await catalog.LoadAsync(cancellationToken).ConfigureAwait(false);
        return catalog;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var trx = Database.Begin(IsolationLevel.RepeatableRead, readOnly: true);
        await foreach (var (key, value) in trx.ScanAsync(Index, KeyRange.All, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (key[0] == (byte)'d') { var d = JsonSerializer.Deserialize<DatabaseDef>(value)!; _databases[d.Name] = d; }
            else if (key[0] == (byte)'t') { var t = JsonSerializer.Deserialize<TableDef>(value)!; _tables[(t.Database, t.Name)] = new TableRuntime(t, Database); }
        }
        await trx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static byte[] DatabaseKey(string db) => Encoding.UTF8.GetBytes("d:" + db);
    private static byte[] TableKey(string db, string table) => Encoding.UTF8.GetBytes("t:" + db + "/" + table);

    public bool DatabaseExists(string name) { lock (_gate) return _databases.ContainsKey(name); }

    public IReadOnlyList<string> DatabaseNames() { lock (_gate) return [.. _databases.Keys.Order(StringComparer.Ordinal)]; }

    public IReadOnlyList<string> TableNames(string db)
    {
        lock (_gate) return [.. _tables.Keys.Where(k => k.Db == db).Select(k => k.Table).Order(StringComparer.Ordinal)];
    }

    public TableRuntime? FindTable(string db, string table) { lock (_gate) return _tables.GetValueOrDefault((db, table)); }

    public TableRuntime GetTable(string db, string table) =>
        FindTable(db, table) ?? (DatabaseExists(db) ? throw SqlErrors.NoSuchTable(db, table) : throw SqlErrors.UnknownDatabase(db));

    public async Task CreateDatabaseAsync(string name, bool ifNotExists, int collationId, CancellationToken cancellationToken)
    {
        await _ddl.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (DatabaseExists(name))
            {
                if (ifNotExists) return;
                throw SqlErrors.Of(MySqlErrorCode.DbCreateExists, name);
            }
            var def = new DatabaseDef { Name = name, CollationId = collationId };
            await WriteAsync(DatabaseKey(name), JsonSerializer.SerializeToUtf8Bytes(def), cancellationToken).ConfigureAwait(false);
            lock (_gate) _databases[name] = def;
        }
        finally { _ddl.Release(); }
    }

    public async Task<bool> DropDatabaseAsync(string name, bool ifExists, CancellationToken cancellationToken)
    {
        await _ddl.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!DatabaseExists(name))
            {
                if (ifExists) return false;
                throw SqlErrors.Of(MySqlErrorCode.DbDropExists, name);
            }
            foreach (var table in TableNames(name)) await DropTableCoreAsync(name, table, cancellationToken).ConfigureAwait(false);
            await WriteAsync(DatabaseKey(name), null, cancellationToken).ConfigureAwait(false);
            lock (_gate) _databases.Remove(name);
            return true;
        }
        finally { _ddl.Release(); }
    }

    /// <summary>Creates the table's indexes, then records it. <paramref name="build"/> gets the index ids.</summary>
    public async Task<bool> CreateTableAsync(string db, string table, bool ifNotExists, int secondaryCount, Func<uint, uint[], TableDef> build, CancellationToken cancellationToken)
    {
        await _ddl.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!DatabaseExists(db)) throw SqlErrors.UnknownDatabase(db);
            if (FindTable(db, table) is not null)
            {
                if (ifNotExists) return false;
                throw SqlErrors.Of(MySqlErrorCode.TableExistsError, table);
            }
            var clustered = await Database.CreateIndexAsync(cancellationToken).ConfigureAwait(false);
            var secondary = new uint[secondaryCount];
            for (var i = 0; i < secondaryCount; i++) secondary[i] = (await Database.CreateIndexAsync(cancellationToken).ConfigureAwait(false)).Id.Value;
            var def = build(clustered.Id.Value, secondary);
            await WriteAsync(TableKey(db, table), JsonSerializer.SerializeToUtf8Bytes(def), cancellationToken).ConfigureAwait(false);
            var runtime = new TableRuntime(def, Database);
            lock (_gate) _tables[(db, table)] = runtime;
            return true;
        }
        finally { _ddl.Release(); }
    }

    public async Task<bool> DropTableAsync(string db, string table, bool ifExists, CancellationToken cancellationToken)
    {
        await _ddl.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (FindTable(db, table) is null)
            {
                if (ifExists) return false;
                throw DatabaseExists(db) ? SqlErrors.Of(MySqlErrorCode.BadTableError, db + "." + table) : SqlErrors.UnknownDatabase(db);
            }
            await DropTableCoreAsync(db, table, cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally { _ddl.Release(); }
    }

    /// <summary>TRUNCATE: a new, empty set of indexes under the same definition (as InnoDB recreates the table).</summary>
    public async Task TruncateTableAsync(string db, string table, CancellationToken cancellationToken)
    {
        await _ddl.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var old = GetTable(db, table);
            var clustered = await Database.CreateIndexAsync(cancellationToken).ConfigureAwait(false);
            var indexes = new IndexDef[old.Def.Indexes.Length];
            for (var i = 0; i < indexes.Length; i++)
                indexes[i] = old.Def.Indexes[i] with { IndexId = (await Database.CreateIndexAsync(cancellationToken).ConfigureAwait(false)).Id.Value };
            var def = old.Def with { ClusteredIndexId = clustered.Id.Value, Indexes = indexes };
            await WriteAsync(TableKey(db, table), JsonSerializer.SerializeToUtf8Bytes(def), cancellationToken).ConfigureAwait(false);
            lock (_gate) _tables[(db, table)] = new TableRuntime(def, Database);
            await DropIndexesAsync(old.Def, cancellationToken).ConfigureAwait(false);
        }
        finally { _ddl.Release(); }
    }

    private async Task DropTableCoreAsync(string db, string table, CancellationToken cancellationToken)
    {
        var runtime = FindTable(db, table)!;
        await WriteAsync(TableKey(db, table), null, cancellationToken).ConfigureAwait(false);
        lock (_gate) _tables.Remove((db, table));
        await DropIndexesAsync(runtime.Def, cancellationToken).ConfigureAwait(false);
    }

    private async Task DropIndexesAsync(TableDef def, CancellationToken cancellationToken)
    {
        // After the catalog no longer names them: a crash before this leaves orphans, never a
        // table whose index is gone.
        await Database.DropIndexAsync(new IndexId(def.ClusteredIndexId), cancellationToken).ConfigureAwait(false);
        foreach (var index in def.Indexes) await Database.DropIndexAsync(new IndexId(index.IndexId), cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteAsync(byte[] key, byte[]? value, CancellationToken cancellationToken)
    {
        await using var trx = Database.Begin(IsolationLevel.RepeatableRead);
        if (value is null) await trx.DeleteAsync(Index, key, cancellationToken).ConfigureAwait(false);
        else await trx.PutAsync(Index, key, value, cancellationToken).ConfigureAwait(false);
        await trx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
