using System.Globalization;
using System.Text;
using Borealis.MySql;
using Borealis.Sql.Execution.Values;
using Borealis.Sql.Syntax;
using WireType = Borealis.MySql.Protocol.ColumnType;

namespace Borealis.Sql.Execution;

public sealed partial class SqlSession
{
    /// <summary>COM_STMT_PREPARE: parse once; the tree is the plan, '?' placeholders bound at each execute.</summary>
    public ValueTask<MySqlStatement> PrepareAsync(ReadOnlyMemory<byte> sql, CancellationToken cancellationToken)
    {
        ParsedStatement parsed;
        try { parsed = SqlParser.ParseSingleWithPosition(Encoding.UTF8.GetString(sql.Span)); }
        catch (SqlSyntaxException e) { throw SqlErrors.FromParser(e); }
        var parameters = new MySqlColumn[parsed.ParameterCount];
        for (var i = 0; i < parameters.Length; i++) parameters[i] = new MySqlColumn("?", WireType.VarString) { Collation = 63 };
        return ValueTask.FromResult(new MySqlStatement(parameters, PreparedColumns(parsed.Statement), parsed.Statement));
    }

    /// <summary>
    /// Result columns announced at prepare time. Execute sends its own metadata, which clients
    /// read; this is the shape (names of table columns, text for the rest) so a cursor knows it has rows.
    /// </summary>
    private IReadOnlyList<MySqlColumn> PreparedColumns(Statement statement)
    {
        if (statement is not SelectStatement { Query.Body: SelectSpecification spec }) return [];
        var columns = new List<MySqlColumn>();
        Catalog.TableRuntime? table = null;
        if (spec.From.Count == 1 && spec.From[0] is TableSource source && (source.Name.Schema ?? CurrentDatabase) is { } db)
            table = _catalog.FindTable(db, source.Name.Name);
        foreach (var item in spec.Items)
        {
            switch (item)
            {
                case AllColumnsSelectItem when table is not null:
                    columns.AddRange(table.Def.Columns.Select(c => ResultSet.ColumnOf(table, c, c.Name)));
                    break;
                case ExpressionSelectItem { Expression: ColumnReference c } e when table is not null && table.Def.FindColumn(c.Column) is var i and >= 0:
                    columns.Add(ResultSet.ColumnOf(table, table.Def.Columns[i], e.Alias ?? c.Column));
                    break;
                case ExpressionSelectItem e:
                    columns.Add(ResultSet.Text(e.Alias ?? NameOf(e.Expression)));
                    break;
                default:
                    columns.Add(ResultSet.Text("*"));
                    break;
            }
        }
        return columns;
    }

    public async ValueTask ExecuteAsync(MySqlStatement statement, ReadOnlyMemory<MySqlParameterValue> parameters, MySqlResultWriter results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var values = new SqlValue[parameters.Length];
        for (var i = 0; i < values.Length; i++) values[i] = Bind(parameters.Span[i]);
        await RunAsync((Statement)statement.Plan!, values, results, cancellationToken).ConfigureAwait(false);
    }

    public void CloseStatement(MySqlStatement statement) { }

    /// <summary>A binary-protocol parameter as an evaluation value of the matching kind.</summary>
    private static SqlValue Bind(MySqlParameterValue p)
    {
        if (p.IsNull) return SqlValue.Null;
        if (p.IsInteger) return p.IsUnsigned ? SqlValue.FromUInt(p.UInt64) : SqlValue.FromInt(p.Int64);
        if (p.IsFloatingPoint) return SqlValue.FromDouble(p.Double);
        switch (p.Type)
        {
            case WireType.Date or WireType.NewDate:
                return SqlValue.FromTemporal(string.Create(CultureInfo.InvariantCulture, $"{p.DateTime.Year:D4}-{p.DateTime.Month:D2}-{p.DateTime.Day:D2}"));
            case WireType.DateTime or WireType.Timestamp or WireType.DateTime2 or WireType.Timestamp2:
            {
                var d = p.DateTime;
                var text = string.Create(CultureInfo.InvariantCulture, $"{d.Year:D4}-{d.Month:D2}-{d.Day:D2} {d.Hour:D2}:{d.Minute:D2}:{d.Second:D2}");
                return SqlValue.FromTemporal(d.Microsecond != 0 ? text + "." + d.Microsecond.ToString("D6", CultureInfo.InvariantCulture) : text);
            }
            case WireType.Decimal or WireType.NewDecimal:
            {
                var text = Encoding.ASCII.GetString(p.Bytes.Span);
                return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? SqlValue.FromDecimal(d) : SqlValue.FromString(text);
            }
            case WireType.TinyBlob or WireType.MediumBlob or WireType.LongBlob or WireType.Blob:
                return SqlValue.FromBytes(p.Bytes.ToArray());
            case WireType.Time or WireType.Time2:
                throw SqlErrors.NotSupported("TIME parameters");
            default:
                return SqlValue.FromString(Encoding.UTF8.GetString(p.Bytes.Span));
        }
    }
}
