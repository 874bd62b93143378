using System.Text;
using Borealis.Engine.Keys;
using Borealis.MySql;
using Borealis.Sql.Execution.Catalog;
using Borealis.Sql.Execution.Expressions;
using Borealis.Sql.Execution.Values;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Execution;

public sealed partial class SqlSession
{
    private async ValueTask ShowAsync(ShowStatement show, SqlValue[] parameters, MySqlResultWriter results)
    {
        _ = parameters;
        switch (show.Target)
        {
            case ShowTarget.Databases:
            {
                var names = new List<string> { "information_schema" };
                names.AddRange(_catalog.DatabaseNames());
                await Write(results, [ResultSet.Text("Database")], Filter(names, show.Filter).Select(n => new[] { SqlValue.FromString(n) }));
                return;
            }
            case ShowTarget.Tables:
            {
                var db = show.Database ?? CurrentDatabase ?? throw SqlErrors.NoDatabase();
                if (!_catalog.DatabaseExists(db)) throw SqlErrors.UnknownDatabase(db);
                var names = Filter(_catalog.TableNames(db), show.Filter);
                if (show.Full)
                    await Write(results, [ResultSet.Text("Tables_in_" + db), ResultSet.Text("Table_type")], names.Select(n => new[] { SqlValue.FromString(n), SqlValue.FromString("BASE TABLE") }));
                else
                    await Write(results, [ResultSet.Text("Tables_in_" + db)], names.Select(n => new[] { SqlValue.FromString(n) }));
                return;
            }
            case ShowTarget.Columns:
                await DescribeAsync(show.Object! with { Schema = show.Database ?? show.Object!.Schema }, results, show.Full);
                return;
            case ShowTarget.CreateTable:
            {
                var name = show.Object!;
                var table = _catalog.GetTable(RequireDatabase(name), name.Name);
                await Write(results, [ResultSet.Text("Table"), ResultSet.Text("Create Table")], [[SqlValue.FromString(table.Def.Name), SqlValue.FromString(CreateTableText(table))]]);
                return;
            }
            case ShowTarget.CreateDatabase:
            {
                var name = show.Object!.Name;
                if (!_catalog.DatabaseExists(name)) throw SqlErrors.UnknownDatabase(name);
                await Write(results, [ResultSet.Text("Database"), ResultSet.Text("Create Database")],
                    [[SqlValue.FromString(name), SqlValue.FromString($"CREATE DATABASE `{name}` /*!40100 DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci */ /*!80016 DEFAULT ENCRYPTION='N' */")]]);
                return;
            }
            case ShowTarget.Warnings or ShowTarget.Errors:
                await Write(results, [ResultSet.Text("Level"), ResultSet.Integer("Code"), ResultSet.Text("Message")], []);
                return;
            case ShowTarget.Engines:
                await Write(results, [ResultSet.Text("Engine"), ResultSet.Text("Support"), ResultSet.Text("Comment"), ResultSet.Text("Transactions"), ResultSet.Text("XA"), ResultSet.Text("Savepoints")],
                    [[SqlValue.FromString("InnoDB"), SqlValue.FromString("DEFAULT"), SqlValue.FromString("Borealis engine on the storage fleet"), SqlValue.FromString("YES"), SqlValue.FromString("NO"), SqlValue.FromString("YES")]]);
                return;
            case ShowTarget.Variables:
            {
                var names = Filter(SessionVariables.Names, show.Filter is { Like: { } like } ? show.Filter with { Like = like.ToLowerInvariant() } : show.Filter);
                await Write(results, [ResultSet.Text("Variable_name"), ResultSet.Text("Value")],
                    names.Select(n => new[] { SqlValue.FromString(n), SqlValue.FromString(Variables.Get(n, show.Scope) is { IsNull: false } v ? v.ToText() : "") }));
                return;
            }
            default:
                throw SqlErrors.NotSupported("SHOW " + show.Target.ToString().ToUpperInvariant());
        }
    }

    private static IEnumerable<string> Filter(IEnumerable<string> names, ShowFilter? filter)
    {
        if (filter is null) return names;
        if (filter.Where is not null) throw SqlErrors.NotSupported("SHOW ... WHERE");
        return names.Where(n => LikeMatcher.Matches(n, filter.Like!, '\\', ignoreCase: false));
    }

    private static ValueTask Write(MySqlResultWriter results, IReadOnlyList<MySqlColumn> columns, IEnumerable<SqlValue[]> rows) =>
        ResultSet.WriteAsync(results, columns, [.. rows], CancellationToken.None);

    private async ValueTask DescribeAsync(TableName name, MySqlResultWriter results, bool full = false)
    {
        var table = _catalog.GetTable(RequireDatabase(name), name.Name);
        var def = table.Def;
        var rows = new List<SqlValue[]>();
        for (var i = 0; i < def.Columns.Length; i++)
        {
            var c = def.Columns[i];
            var key = Array.IndexOf(def.PrimaryKey, i) >= 0 ? "PRI"
                : def.Indexes.Any(x => x.Unique && x.Columns[0] == i && x.Columns.Length == 1) ? "UNI"
                : def.Indexes.Any(x => x.Columns[0] == i) ? "MUL" : "";
            var extra = c.AutoIncrement ? "auto_increment" : c.DefaultNow ? "DEFAULT_GENERATED" : "";
            var @default = c.DefaultNow ? SqlValue.FromString("CURRENT_TIMESTAMP") : c.DefaultText is { } d ? SqlValue.FromString(d) : SqlValue.Null;
            var row = new List<SqlValue> { SqlValue.FromString(c.Name), SqlValue.FromString(TypeMapping.SqlText(c)) };
            if (full) row.Add(TypeMapping.IsString(c.Type) ? SqlValue.FromString(Collation.FromId(c.CollationId).Name) : SqlValue.Null);
            row.AddRange([SqlValue.FromString(c.Nullable ? "YES" : "NO"), SqlValue.FromString(key), @default, SqlValue.FromString(extra)]);
            if (full) row.AddRange([SqlValue.FromString("select,insert,update,references"), SqlValue.FromString("")]);
            rows.Add([.. row]);
        }
        List<MySqlColumn> columns = [ResultSet.Text("Field"), ResultSet.Text("Type")];
        if (full) columns.Add(ResultSet.Text("Collation"));
        columns.AddRange([ResultSet.Text("Null"), ResultSet.Text("Key"), ResultSet.Text("Default"), ResultSet.Text("Extra")]);
        if (full) columns.AddRange([ResultSet.Text("Privileges"), ResultSet.Text("Comment")]);
        await Write(results, columns, rows);
    }

    /// <summary>SHOW CREATE TABLE text in mysqld's layout.</summary>
    internal static string CreateTableText(TableRuntime table)
    {
        var def = table.Def;
        var text = new StringBuilder();
        text.Append("CREATE TABLE `").Append(def.Name).Append("` (\n");
        var lines = new List<string>();
        foreach (var c in def.Columns)
        {
            var line = new StringBuilder("  `").Append(c.Name).Append("` ").Append(TypeMapping.SqlText(c));
            if (TypeMapping.IsString(c.Type) && c.CollationId != 255)
            {
                var collation = Collation.FromId(c.CollationId);
                line.Append(" CHARACTER SET utf8mb4 COLLATE ").Append(collation.Name);
            }
            if (!c.Nullable) line.Append(" NOT NULL");
            if (c.DefaultNow) line.Append(" DEFAULT CURRENT_TIMESTAMP");
            else if (c.DefaultText is { } d) line.Append(" DEFAULT '").Append(d.Replace("'", "''", StringComparison.Ordinal)).Append('\'');
            else if (c.Nullable && !c.AutoIncrement && c.Type is not (DataTypeName.Text or DataTypeName.Blob or DataTypeName.TinyText or DataTypeName.MediumText or DataTypeName.LongText
                or DataTypeName.TinyBlob or DataTypeName.MediumBlob or DataTypeName.LongBlob)) line.Append(" DEFAULT NULL");
            if (c.AutoIncrement) line.Append(" AUTO_INCREMENT");
            lines.Add(line.ToString());
        }
        if (def.PrimaryKey.Length > 0) lines.Add("  PRIMARY KEY (" + string.Join(",", def.PrimaryKey.Select(p => "`" + def.Columns[p].Name + "`")) + ")");
        foreach (var index in def.Indexes)
            lines.Add("  " + (index.Unique ? "UNIQUE KEY" : "KEY") + " `" + index.Name + "` (" + string.Join(",", index.Columns.Select(p => "`" + def.Columns[p].Name + "`")) + ")");
        text.Append(string.Join(",\n", lines)).Append("\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci");
        return text.ToString();
    }
}
