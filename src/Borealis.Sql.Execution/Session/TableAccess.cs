using System.Text;
using Borealis.Engine.BTrees;
using Borealis.Engine.Keys;
using Borealis.Engine.Rows;
using Borealis.Engine.Transactions;
using Borealis.MySql;
using Borealis.Sql.Execution.Catalog;
using Borealis.Sql.Execution.Values;

namespace Borealis.Sql.Execution;

/// <summary>
/// Rows of one table on the engine: clustered index key = memcomparable primary key (or the
/// hidden row id), value = the row; each secondary index key = its columns + the primary key,
/// value empty. Every write keeps the secondaries in step within the same transaction.
/// </summary>
internal static class TableAccess
{
    public static byte[] PrimaryKey(TableRuntime table, ColumnValue[] stored, ulong hiddenId)
    {
        var writer = new KeyWriter();
        if (table.HasHiddenKey) writer.AppendUInt64(hiddenId);
        else RowCodec.AppendKey(writer, table, table.Def.PrimaryKey, stored);
        return writer.ToArray();
    }

    private static byte[] IndexPrefix(TableRuntime table, IndexDef index, ColumnValue[] stored)
    {
        var writer = new KeyWriter();
        RowCodec.AppendKey(writer, table, index.Columns, stored);
        return writer.ToArray();
    }

    private static byte[] SecondaryKey(TableRuntime table, IndexDef index, ColumnValue[] stored, byte[] primaryKey) =>
        [.. IndexPrefix(table, index, stored), .. primaryKey];

    public static async ValueTask<StoredRow> DecodeAsync(Database database, TableRuntime table, byte[] key, byte[] value, CancellationToken cancellationToken)
    {
        var reader = new RowReader(table.Schema, value);
        var columns = table.Def.Columns;
        var stored = new ColumnValue[columns.Length];
        var values = new SqlValue[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            var v = reader.GetValue(i);
            if (v.Tag == ValueTag.Overflow)
            {
                var chain = v.AsOverflow();
                var bytes = new byte[chain.Length];
                await OverflowChain.ReadAsync(database.Pool, chain, bytes, cancellationToken).ConfigureAwait(false);
                v = ColumnValue.FromBytes(bytes);
            }
            stored[i] = v;
            values[i] = RowCodec.FromStored(columns[i], v);
        }
        return new StoredRow(key, stored, values);
    }

    public static async IAsyncEnumerable<StoredRow> ScanAsync(Database database, Transaction trx, TableRuntime table, KeyRange range, ReadMode mode,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (key, value) in trx.ScanAsync(table.Clustered, range, ScanDirection.Forward, mode, cancellationToken).ConfigureAwait(false))
            yield return await DecodeAsync(database, table, key, value, cancellationToken).ConfigureAwait(false);
    }

    public static async ValueTask<StoredRow?> GetAsync(Database database, Transaction trx, TableRuntime table, byte[] key, ReadMode mode, CancellationToken cancellationToken)
    {
        var value = await trx.GetAsync(table.Clustered, key, mode, cancellationToken).ConfigureAwait(false);
        return value is null ? null : await DecodeAsync(database, table, key, value, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inserts a row and its secondary entries; 1062 on a duplicate primary or unique key.</summary>
    public static async ValueTask InsertAsync(Database database, Transaction trx, TableRuntime table, ColumnValue[] stored, SqlValue[] values, ulong hiddenId, CancellationToken cancellationToken)
    {
        var key = PrimaryKey(table, stored, hiddenId);
        await CheckUniqueAsync(trx, table, stored, values, null, cancellationToken).ConfigureAwait(false);
        var row = await EncodeAsync(database, table, stored, key.Length, cancellationToken).ConfigureAwait(false);
        if (!await trx.InsertAsync(table.Clustered, key, row, cancellationToken).ConfigureAwait(false))
            throw Duplicate(table, "PRIMARY", table.Def.PrimaryKey, values);
        for (var i = 0; i < table.Def.Indexes.Length; i++)
            await trx.PutAsync(table.Secondary[i], SecondaryKey(table, table.Def.Indexes[i], stored, key), ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
    }

    public static async ValueTask DeleteAsync(Transaction trx, TableRuntime table, StoredRow row, CancellationToken cancellationToken)
    {
        await trx.DeleteAsync(table.Clustered, row.Key, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < table.Def.Indexes.Length; i++)
            await trx.DeleteAsync(table.Secondary[i], SecondaryKey(table, table.Def.Indexes[i], row.Stored, row.Key), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces a row: in place when the primary key stays, else delete + insert; secondaries that changed move.</summary>
    public static async ValueTask UpdateAsync(Database database, Transaction trx, TableRuntime table, StoredRow old, ColumnValue[] stored, SqlValue[] values, CancellationToken cancellationToken)
    {
        var key = table.HasHiddenKey ? old.Key : PrimaryKey(table, stored, 0);
        var keyChanged = !key.AsSpan().SequenceEqual(old.Key);
        await CheckUniqueAsync(trx, table, stored, values, old, cancellationToken).ConfigureAwait(false);
        var row = await EncodeAsync(database, table, stored, key.Length, cancellationToken).ConfigureAwait(false);
        if (keyChanged)
        {
            await trx.DeleteAsync(table.Clustered, old.Key, cancellationToken).ConfigureAwait(false);
            if (!await trx.InsertAsync(table.Clustered, key, row, cancellationToken).ConfigureAwait(false))
                throw Duplicate(table, "PRIMARY", table.Def.PrimaryKey, values);
        }
        else await trx.UpdateAsync(table.Clustered, key, row, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < table.Def.Indexes.Length; i++)
        {
            var index = table.Def.Indexes[i];
            var oldKey = SecondaryKey(table, index, old.Stored, old.Key);
            var newKey = SecondaryKey(table, index, stored, key);
            if (oldKey.AsSpan().SequenceEqual(newKey)) continue;
            await trx.DeleteAsync(table.Secondary[i], oldKey, cancellationToken).ConfigureAwait(false);
            await trx.PutAsync(table.Secondary[i], newKey, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// UNIQUE indexes: another entry with the same (non-NULL) columns is a duplicate. Read with
    /// shared locks, as InnoDB's duplicate check does, so a concurrent insert of the same value waits.
    /// </summary>
    private static async ValueTask CheckUniqueAsync(Transaction trx, TableRuntime table, ColumnValue[] stored, SqlValue[] values, StoredRow? old, CancellationToken cancellationToken)
    {
        for (var i = 0; i < table.Def.Indexes.Length; i++)
        {
            var index = table.Def.Indexes[i];
            if (!index.Unique) continue;
            var anyNull = false;
            foreach (var c in index.Columns) anyNull |= stored[c].IsNull;
            if (anyNull) continue;
            var prefix = IndexPrefix(table, index, stored);
            if (old is not null && prefix.AsSpan().SequenceEqual(IndexPrefix(table, index, old.Stored))) continue;
            await foreach (var _ in trx.ScanAsync(table.Secondary[i], KeyRange.Prefix(prefix), ScanDirection.Forward, ReadMode.LockShared, cancellationToken).ConfigureAwait(false))
                throw Duplicate(table, index.Name, index.Columns, values);
        }
    }

    private static async ValueTask<byte[]> EncodeAsync(Database database, TableRuntime table, ColumnValue[] stored, int keyLength, CancellationToken cancellationToken)
    {
        var max = RowFormat.MaxRowLength(keyLength);
        if (RowWriter.MeasureLength(table.Schema, stored) > max)
        {
            // Long values go to overflow chains first (durable on return), as InnoDB's DYNAMIC rows.
            var copy = (ColumnValue[])stored.Clone();
            await RowOverflow.SpillAsync(database.Pool, table.Schema, copy, max, cancellationToken).ConfigureAwait(false);
            return RowWriter.ToArray(table.Schema, copy);
        }
        return RowWriter.ToArray(table.Schema, stored);
    }

    /// <summary>1062 with MySQL's text: the key's values joined by '-', the key named 'table.index'.</summary>
    public static MySqlErrorException Duplicate(TableRuntime table, string indexName, int[] columns, SqlValue[] values)
    {
        var text = new StringBuilder();
        foreach (var c in columns)
        {
            if (text.Length > 0) text.Append('-');
            text.Append(values[c].ToText());
        }
        return SqlErrors.Of(MySqlErrorCode.DuplicateEntry, text.ToString(), table.Def.Name + "." + indexName);
    }
}
