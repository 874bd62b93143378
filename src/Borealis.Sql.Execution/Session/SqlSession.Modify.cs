using Borealis.Engine.Rows;
using Borealis.Engine.Transactions;
using Borealis.MySql;
using Borealis.Sql.Execution.Expressions;
using Borealis.Sql.Execution.Values;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Execution;

public sealed partial class SqlSession
{
    /// <summary>UPDATE: rows found by a locking read (InnoDB's current read), then changed.</summary>
    private async ValueTask UpdateAsync(UpdateStatement update, SqlValue[] parameters, MySqlResultWriter results, CancellationToken cancellationToken)
    {
        if (update.Tables.Count != 1 || update.Tables[0] is not TableSource source) throw SqlErrors.NotSupported("multi-table UPDATE");
        if (update.Ignore) throw SqlErrors.NotSupported("UPDATE IGNORE");
        if (!update.OrderBy.IsEmpty) throw SqlErrors.NotSupported("UPDATE ... ORDER BY");
        var table = _catalog.GetTable(RequireDatabase(source.Name), source.Name.Name);
        var def = table.Def;
        var evaluator = new Evaluator(this, parameters);
        var scope = new RowScope(table, source.Alias);
        var assignments = update.Assignments.Select(a => (Column: scope.Resolve(a.Column, "field list"), a.Value)).ToArray();
        var limit = update.Limit is null ? long.MaxValue : LimitCount(update.Limit, evaluator);
        NameCheck.Check(update.Where, scope, "where clause");
        foreach (var a in update.Assignments) NameCheck.Check(a.Value, scope, "field list");
        var trx = Transaction();
        evaluator.Clause = "where clause";
        var matched = new List<StoredRow>();
        await foreach (var row in RowsAsync(trx, table, update.Where, evaluator, scope, ReadMode.LockExclusive, cancellationToken).ConfigureAwait(false))
        {
            if (matched.Count >= limit) break;
            matched.Add(row);
        }
        evaluator.Clause = "field list";
        long changed = 0;
        var rowNumber = 0;
        foreach (var row in matched)
        {
            rowNumber++;
            var values = (SqlValue[])row.Values.Clone();
            scope.Row = values;
            // MySQL applies assignments left to right, each seeing the ones before it.
            foreach (var (column, value) in assignments)
                values[column] = value is DefaultValue ? DefaultOf(def.Columns[column], def, column) : evaluator.Eval(value, scope);
            var stored = new ColumnValue[values.Length];
            var different = false;
            for (var c = 0; c < values.Length; c++)
            {
                stored[c] = RowCodec.ToStored(def.Columns[c], table.Types[c], values[c], rowNumber);
                values[c] = RowCodec.FromStored(def.Columns[c], stored[c]);
                different |= !stored[c].Equals(row.Stored[c]);
            }
            if (!different) continue;
            if (def.AutoIncrementColumn is var auto and >= 0 && values[auto].ToDouble() > 0)
                await _catalog.Database.ObserveSequenceValueAsync(def.SequenceId, (ulong)values[auto].ToInt64(), cancellationToken).ConfigureAwait(false);
            await TableAccess.UpdateAsync(_catalog.Database, trx, table, row, stored, values, cancellationToken).ConfigureAwait(false);
            changed++;
        }
        await EndStatementAsync(cancellationToken).ConfigureAwait(false);
        var affected = _context.FoundRows ? matched.Count : changed;
        PreviousRowCount = affected;
        results.WriteOk((ulong)affected);
    }

    private async ValueTask DeleteAsync(DeleteStatement delete, SqlValue[] parameters, MySqlResultWriter results, CancellationToken cancellationToken)
    {
        if (delete.IsMultiTable || delete.From.Count != 1 || delete.From[0] is not TableSource source) throw SqlErrors.NotSupported("multi-table DELETE");
        if (delete.Ignore) throw SqlErrors.NotSupported("DELETE IGNORE");
        if (!delete.OrderBy.IsEmpty) throw SqlErrors.NotSupported("DELETE ... ORDER BY");
        var table = _catalog.GetTable(RequireDatabase(source.Name), source.Name.Name);
        var evaluator = new Evaluator(this, parameters) { Clause = "where clause" };
        var scope = new RowScope(table, source.Alias);
        var limit = delete.Limit is null ? long.MaxValue : LimitCount(delete.Limit, evaluator);
        NameCheck.Check(delete.Where, scope, "where clause");
        var trx = Transaction();
        var matched = new List<StoredRow>();
        await foreach (var row in RowsAsync(trx, table, delete.Where, evaluator, scope, ReadMode.LockExclusive, cancellationToken).ConfigureAwait(false))
        {
            if (matched.Count >= limit) break;
            matched.Add(row);
        }
        foreach (var row in matched) await TableAccess.DeleteAsync(trx, table, row, cancellationToken).ConfigureAwait(false);
        await EndStatementAsync(cancellationToken).ConfigureAwait(false);
        PreviousRowCount = matched.Count;
        results.WriteOk((ulong)matched.Count);
    }

    private static long LimitCount(LimitClause limit, Evaluator evaluator)
    {
        if (limit.Offset is not null) throw SqlErrors.NotSupported("LIMIT with an offset here");
        var v = evaluator.Eval(limit.Count, new RowScope(null, null));
        return v.Kind is SqlKind.Int or SqlKind.UInt && v.ToInt64() >= 0 ? v.ToInt64() : throw SqlErrors.Of(MySqlErrorCode.WrongArguments, "LIMIT");
    }
}
