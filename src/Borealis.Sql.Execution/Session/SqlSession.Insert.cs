using Borealis.Engine.Rows;
using Borealis.MySql;
using Borealis.Sql.Execution.Catalog;
using Borealis.Sql.Execution.Expressions;
using Borealis.Sql.Execution.Values;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Execution;

public sealed partial class SqlSession
{
    private async ValueTask InsertAsync(InsertStatement insert, SqlValue[] parameters, MySqlResultWriter results, CancellationToken cancellationToken)
    {
        if (insert.Replace) throw SqlErrors.NotSupported("REPLACE");
        if (insert.Ignore) throw SqlErrors.NotSupported("INSERT IGNORE");
        if (!insert.OnDuplicateKeyUpdate.IsEmpty) throw SqlErrors.NotSupported("ON DUPLICATE KEY UPDATE");
        var db = RequireDatabase(insert.Table);
        var table = _catalog.GetTable(db, insert.Table.Name);
        var def = table.Def;

        // Which column each value goes to.
        int[] targets;
        List<ValueList<Expression>> rows;
        switch (insert.Source)
        {
            case InsertValues values:
                targets = insert.Columns.IsEmpty ? [.. Enumerable.Range(0, def.Columns.Length)] : [.. insert.Columns.Select(c => Column(def, c, "field list"))];
                rows = [.. values.Rows];
                break;
            case InsertSet set:
                targets = [.. set.Assignments.Select(a => Column(def, a.Column.Column, "field list"))];
                rows = [set.Assignments.Select(a => a.Value).ToValueList()];
                break;
            default:
                throw SqlErrors.NotSupported("INSERT ... SELECT");
        }
        for (var i = 0; i < targets.Length; i++)
            for (var j = 0; j < i; j++)
                if (targets[i] == targets[j]) throw SqlErrors.Of(MySqlErrorCode.FieldSpecifiedTwice, def.Columns[targets[i]].Name);

        var trx = Transaction();
        var evaluator = new Evaluator(this, parameters);
        var scope = new RowScope(null, null);
        var autoColumn = def.AutoIncrementColumn;
        ulong firstGenerated = 0;
        var rowNumber = 0;
        foreach (var row in rows)
        {
            rowNumber++;
            // An empty VALUES () row takes every default.
            if (row.Count != targets.Length && !(row.Count == 0 && insert.Columns.IsEmpty)) throw SqlErrors.Of(MySqlErrorCode.WrongValueCountOnRow, rowNumber);
            var values = new SqlValue[def.Columns.Length];
            var given = new bool[def.Columns.Length];
            for (var i = 0; i < row.Count; i++)
            {
                if (row[i] is DefaultValue) continue;
                values[targets[i]] = evaluator.Eval(row[i], scope);
                given[targets[i]] = true;
            }
            for (var c = 0; c < values.Length; c++)
            {
                if (given[c] || c == autoColumn) continue;
                values[c] = DefaultOf(def.Columns[c], def, c);
            }
            if (autoColumn >= 0)
            {
                // NULL or 0 (or nothing) asks for the next value; an explicit one moves the sequence past it.
                var v = values[autoColumn];
                if (v.IsNull || (v.IsNumeric && v.ToDouble() == 0))
                {
                    var next = await _catalog.Database.NextSequenceValueAsync(def.SequenceId, cancellationToken).ConfigureAwait(false);
                    values[autoColumn] = SqlValue.FromUInt(next);
                    if (firstGenerated == 0) firstGenerated = next;
                }
                else if (v.ToDouble() > 0)
                {
                    await _catalog.Database.ObserveSequenceValueAsync(def.SequenceId, (ulong)v.ToInt64(), cancellationToken).ConfigureAwait(false);
                }
            }
            var stored = new ColumnValue[values.Length];
            for (var c = 0; c < values.Length; c++)
            {
                stored[c] = RowCodec.ToStored(def.Columns[c], table.Types[c], values[c], rowNumber);
                values[c] = RowCodec.FromStored(def.Columns[c], stored[c]);
            }
            var hidden = table.HasHiddenKey ? await _catalog.Database.NextSequenceValueAsync(def.SequenceId, cancellationToken).ConfigureAwait(false) : 0;
            await TableAccess.InsertAsync(_catalog.Database, trx, table, stored, values, hidden, cancellationToken).ConfigureAwait(false);
        }
        await EndStatementAsync(cancellationToken).ConfigureAwait(false);
        if (firstGenerated != 0) LastInsertId = firstGenerated;
        PreviousRowCount = rows.Count;
        // No info string ("Records: n ..."): the protocol layer writes it as string<EOF>, which
        // libmariadb reads as length-encoded (mysqld sends it length-encoded); see docs/sql-execution.md.
        results.WriteOk((ulong)rows.Count, firstGenerated);
    }

    private static int Column(TableDef def, string name, string clause)
    {
        var i = def.FindColumn(name);
        return i >= 0 ? i : throw SqlErrors.UnknownColumn(name, clause);
    }

    /// <summary>A column left out: its DEFAULT, NULL when nullable, else 1364 (strict mode).</summary>
    private static SqlValue DefaultOf(ColumnDef column, TableDef table, int ordinal)
    {
        if (column.DefaultNow) return SqlValue.FromTemporal(DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        if (column.DefaultText is { } text) return TypeMapping.IsString(column.Type) ? SqlValue.FromString(text)
            : TypeMapping.IsTemporal(column.Type) ? SqlValue.FromTemporal(text)
            : TypeMapping.IsBinary(column.Type) ? SqlValue.FromBytes(System.Text.Encoding.UTF8.GetBytes(text))
            : SqlValue.FromString(text);
        if (column.HasDefault || column.Nullable) return SqlValue.Null;
        throw SqlErrors.Of(MySqlErrorCode.NoDefaultForField, column.Name);
    }
}
