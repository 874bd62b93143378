using System.Globalization;
using Borealis.Engine.Keys;
using Borealis.MySql;
using Borealis.Sql.Execution.Catalog;
using Borealis.Sql.Execution.Expressions;
using Borealis.Sql.Execution.Values;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Execution;

public sealed partial class SqlSession
{
    private static readonly HashSet<string> s_acceptedTableOptions = new(StringComparer.OrdinalIgnoreCase)
    {
        "ENGINE", "CHARACTER SET", "COLLATE", "COMMENT", "AUTO_INCREMENT", "ROW_FORMAT",
    };

    /// <summary>DDL commits the open transaction first (MySQL's implicit commit), then runs on its own.</summary>
    private async ValueTask DdlAsync(Statement statement, MySqlResultWriter results, CancellationToken cancellationToken)
    {
        await CommitAsync(cancellationToken).ConfigureAwait(false);
        switch (statement)
        {
            case CreateDatabaseStatement create:
            {
                var collation = create.Collation is { } c ? TypeMapping.CollationByName(c)
                    : create.CharacterSet is { } cs ? TypeMapping.DefaultCollationOf(cs) : Collation.Utf8mb40900AiCi;
                var existed = _catalog.DatabaseExists(create.Name);
                await _catalog.CreateDatabaseAsync(create.Name, create.IfNotExists, collation.Id, cancellationToken).ConfigureAwait(false);
                results.WriteOk(existed ? 0UL : 1UL, warnings: existed ? (ushort)1 : (ushort)0);
                return;
            }
            case DropDatabaseStatement drop:
            {
                var tables = _catalog.DatabaseExists(drop.Name) ? _catalog.TableNames(drop.Name).Count : 0;
                var dropped = await _catalog.DropDatabaseAsync(drop.Name, drop.IfExists, cancellationToken).ConfigureAwait(false);
                if (dropped && CurrentDatabase == drop.Name) CurrentDatabase = null;
                results.WriteOk((ulong)tables, warnings: dropped ? (ushort)0 : (ushort)1);
                return;
            }
            case CreateTableStatement create:
                await CreateTableAsync(create, cancellationToken).ConfigureAwait(false);
                results.WriteOk();
                return;
            case DropTableStatement drop:
            {
                if (drop.Temporary) throw SqlErrors.NotSupported("DROP TEMPORARY TABLE");
                ushort warnings = 0;
                foreach (var table in drop.Tables)
                    if (!await _catalog.DropTableAsync(RequireDatabase(table), table.Name, drop.IfExists, cancellationToken).ConfigureAwait(false)) warnings++;
                results.WriteOk(warnings: warnings);
                return;
            }
            case TruncateTableStatement truncate:
                await _catalog.TruncateTableAsync(RequireDatabase(truncate.Table), truncate.Table.Name, cancellationToken).ConfigureAwait(false);
                results.WriteOk();
                return;
        }
    }

    private async ValueTask CreateTableAsync(CreateTableStatement create, CancellationToken cancellationToken)
    {
        if (create.Temporary) throw SqlErrors.NotSupported("CREATE TEMPORARY TABLE");
        if (create.Like is not null) throw SqlErrors.NotSupported("CREATE TABLE ... LIKE");
        if (create.AsQuery is not null) throw SqlErrors.NotSupported("CREATE TABLE ... SELECT");
        var db = RequireDatabase(create.Table);
        if (!_catalog.DatabaseExists(db)) throw SqlErrors.UnknownDatabase(db);
        if (_catalog.FindTable(db, create.Table.Name) is not null)
        {
            if (create.IfNotExists) return;
            throw SqlErrors.Of(MySqlErrorCode.TableExistsError, create.Table.Name);
        }

        var tableCollation = Collation.Utf8mb40900AiCi;
        ulong autoIncrementStart = 0;
        foreach (var option in create.Options)
        {
            if (!s_acceptedTableOptions.Contains(option.Name)) throw SqlErrors.NotSupported("table option " + option.Name);
            if (option.Name.Equals("ENGINE", StringComparison.OrdinalIgnoreCase) && !option.Value.Equals("InnoDB", StringComparison.OrdinalIgnoreCase))
                throw SqlErrors.NotSupported("ENGINE=" + option.Value);
            if (option.Name.Equals("CHARACTER SET", StringComparison.OrdinalIgnoreCase)) tableCollation = TypeMapping.DefaultCollationOf(option.Value);
            if (option.Name.Equals("COLLATE", StringComparison.OrdinalIgnoreCase)) tableCollation = TypeMapping.CollationByName(option.Value);
            if (option.Name.Equals("AUTO_INCREMENT", StringComparison.OrdinalIgnoreCase)) autoIncrementStart = ulong.Parse(option.Value, CultureInfo.InvariantCulture);
        }

        var columns = new List<ColumnDef>();
        var primary = new List<int>();
        var indexes = new List<(string? Name, bool Unique, List<int> Columns)>();
        foreach (var element in create.Elements)
        {
            if (element is not ColumnDefinition c) continue;
            if (columns.Exists(x => x.Name.Equals(c.Name, StringComparison.OrdinalIgnoreCase))) throw SqlErrors.Of(MySqlErrorCode.DuplicateFieldName, c.Name);
            columns.Add(Column(c, tableCollation));
            if (c.PrimaryKey) primary.Add(columns.Count - 1);
            if (c.Unique) indexes.Add((c.Name, true, [columns.Count - 1]));
        }
        foreach (var element in create.Elements)
        {
            switch (element)
            {
                case ColumnDefinition: break;
                case IndexDefinition index:
                {
                    if (index.Kind is IndexKind.Fulltext or IndexKind.Spatial) throw SqlErrors.NotSupported(index.Kind.ToString().ToUpperInvariant() + " indexes");
                    var ordinals = new List<int>();
                    foreach (var part in index.Parts)
                    {
                        if (part.Column is null || part.PrefixLength is not null) throw SqlErrors.NotSupported("index on an expression or a column prefix");
                        var i = columns.FindIndex(x => x.Name.Equals(part.Column, StringComparison.OrdinalIgnoreCase));
                        if (i < 0) throw SqlErrors.Of(MySqlErrorCode.KeyColumnDoesNotExist, part.Column);
                        ordinals.Add(i);
                    }
                    if (index.Kind == IndexKind.Primary)
                    {
                        if (primary.Count > 0) throw SqlErrors.Of(MySqlErrorCode.MultiplePrimaryKey);
                        primary.AddRange(ordinals);
                    }
                    else indexes.Add((index.Name, index.Kind == IndexKind.Unique, ordinals));
                    break;
                }
                case ForeignKeyDefinition: throw SqlErrors.NotSupported("FOREIGN KEY");
                case CheckConstraint: throw SqlErrors.NotSupported("CHECK constraints");
                default: throw SqlErrors.NotSupported(element.GetType().Name);
            }
        }
        foreach (var p in primary) columns[p] = columns[p] with { Nullable = false };
        if (columns.Count(x => x.AutoIncrement) > 1) throw SqlErrors.Of(MySqlErrorCode.WrongAutoKey);

        var named = new List<(string Name, bool Unique, int[] Columns)>();
        foreach (var (name, unique, ordinals) in indexes)
        {
            var baseName = name ?? columns[ordinals[0]].Name;
            var finalName = baseName;
            for (var n = 2; named.Exists(x => x.Name.Equals(finalName, StringComparison.OrdinalIgnoreCase)); n++) finalName = baseName + "_" + n.ToString(CultureInfo.InvariantCulture);
            named.Add((finalName, unique, [.. ordinals]));
        }
        var created = await _catalog.CreateTableAsync(db, create.Table.Name, create.IfNotExists, named.Count, (clustered, secondary) => new TableDef
        {
            Database = db,
            Name = create.Table.Name,
            Columns = [.. columns],
            PrimaryKey = [.. primary],
            ClusteredIndexId = clustered,
            Indexes = [.. named.Select((x, i) => new IndexDef { Name = x.Name, Unique = x.Unique, Columns = x.Columns, IndexId = secondary[i] })],
        }, cancellationToken).ConfigureAwait(false);
        if (created && autoIncrementStart > 1)
        {
            var table = _catalog.GetTable(db, create.Table.Name);
            await _catalog.Database.ObserveSequenceValueAsync(table.Def.SequenceId, autoIncrementStart - 1, cancellationToken).ConfigureAwait(false);
        }
    }

    private ColumnDef Column(ColumnDefinition c, Collation tableCollation)
    {
        var type = c.Type;
        if (!TypeMapping.IsSupported(type.Name)) throw SqlErrors.NotSupported("column type " + type.Name.ToString().ToUpperInvariant());
        if (c.Generated is not null) throw SqlErrors.NotSupported("generated columns");
        if (type.Name == DataTypeName.Decimal && (type.Length ?? 10) > 28) throw SqlErrors.NotSupported("DECIMAL with more than 28 digits");
        var collationId = 63;
        if (TypeMapping.IsString(type.Name))
        {
            var collation = type.Collation is { } name ? TypeMapping.CollationByName(name)
                : type.CharacterSet is { } cs ? TypeMapping.DefaultCollationOf(cs)
                : type.BinaryCollation ? Collation.Utf8mb4Bin : tableCollation;
            collationId = collation.Id;
        }
        var def = new ColumnDef
        {
            Name = c.Name,
            Type = type.Name,
            Length = type.Name is DataTypeName.Decimal ? type.Length ?? 10 : type.Length,
            Scale = type.Name is DataTypeName.Decimal ? type.Scale ?? 0 : type.Scale,
            Unsigned = type.Unsigned,
            CollationId = collationId,
            Nullable = c.Nullable ?? !c.PrimaryKey,
            AutoIncrement = c.AutoIncrement,
        };
        if (c.Default is { } expression)
        {
            if (expression is FunctionCall { Name: var fn } && fn.ToUpperInvariant() is "CURRENT_TIMESTAMP" or "NOW" or "LOCALTIMESTAMP")
                return def with { DefaultNow = true, HasDefault = true };
            var value = new Evaluator(this, []).Eval(expression, new RowScope(null, null));
            if (value.IsNull)
            {
                if (!def.Nullable) throw SqlErrors.Of(MySqlErrorCode.InvalidDefault, c.Name);
                return def with { HasDefault = true };
            }
            try
            {
                var stored = RowCodec.ToStored(def, TypeMapping.ToEngine(def), value, 1);
                var text = RowCodec.FromStored(def, stored).ToText();
                return def with { HasDefault = true, DefaultText = text };
            }
            catch (MySqlErrorException) { throw SqlErrors.Of(MySqlErrorCode.InvalidDefault, c.Name); }
        }
        return def with { HasDefault = def.Nullable };
    }
}
