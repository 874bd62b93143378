using System.Globalization;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Printing;

/// <summary>DDL: databases, tables, columns and types, indexes, views, ALTER TABLE.</summary>
public sealed partial class SqlPrinter
{
    private bool SchemaStatement(Statement statement)
    {
        switch (statement)
        {
            case CreateDatabaseStatement create:
                Write("CREATE DATABASE ");
                if (create.IfNotExists) Write("IF NOT EXISTS ");
                Identifier(create.Name);
                DatabaseOptions(create.CharacterSet, create.Collation);
                return true;
            case AlterDatabaseStatement alter:
                Write("ALTER DATABASE");
                if (alter.Name is not null) Write(' ').Identifier(alter.Name);
                DatabaseOptions(alter.CharacterSet, alter.Collation);
                return true;
            case DropDatabaseStatement drop:
                Write("DROP DATABASE ");
                if (drop.IfExists) Write("IF EXISTS ");
                Identifier(drop.Name);
                return true;
            case CreateTableStatement create: CreateTable(create); return true;
            case DropTableStatement drop:
                Write(drop.Temporary ? "DROP TEMPORARY TABLE " : "DROP TABLE ");
                if (drop.IfExists) Write("IF EXISTS ");
                List(drop.Tables, name => Name(name));
                return true;
            case TruncateTableStatement truncate:
                Write("TRUNCATE TABLE ").Name(truncate.Table);
                return true;
            case RenameTableStatement rename:
                Write("RENAME TABLE ");
                List(rename.Renames, pair => Name(pair.From).Write(" TO ").Name(pair.To));
                return true;
            case CreateIndexStatement create:
                Write("CREATE ");
                Write(create.Index.Kind switch { IndexKind.Unique => "UNIQUE ", IndexKind.Fulltext => "FULLTEXT ", IndexKind.Spatial => "SPATIAL ", _ => "" });
                Write("INDEX ").Identifier(create.Index.Name!).Write(' ');
                IndexAlgorithm(create.Index.Algorithm);
                Write("ON ").Name(create.Table).Write(' ');
                IndexPartsAndOptions(create.Index with { Algorithm = Syntax.IndexAlgorithm.Default });
                return true;
            case DropIndexStatement drop:
                Write("DROP INDEX ").Identifier(drop.Name).Write(" ON ").Name(drop.Table);
                return true;
            case CreateViewStatement view:
                Write(view.OrReplace ? "CREATE OR REPLACE VIEW " : "CREATE VIEW ").Name(view.View);
                if (!view.Columns.IsEmpty) Write(" (").IdentifierList(view.Columns).Write(')');
                Write(" AS ");
                Query(view.Query);
                return true;
            case DropViewStatement drop:
                Write("DROP VIEW ");
                if (drop.IfExists) Write("IF EXISTS ");
                List(drop.Views, name => Name(name));
                return true;
            case AlterTableStatement alter:
                Write("ALTER TABLE ").Name(alter.Table);
                if (!alter.Actions.IsEmpty) Write(' ');
                List(alter.Actions, AlterAction);
                return true;
            default:
                return false;
        }
    }

    private void DatabaseOptions(string? charset, string? collation)
    {
        if (charset is not null) Write(" CHARACTER SET ").BareName(charset);
        if (collation is not null) Write(" COLLATE ").BareName(collation);
    }

    private void CreateTable(CreateTableStatement create)
    {
        Write(create.Temporary ? "CREATE TEMPORARY TABLE " : "CREATE TABLE ");
        if (create.IfNotExists) Write("IF NOT EXISTS ");
        Name(create.Table);
        if (create.Like is not null)
        {
            Write(" LIKE ").Name(create.Like);
            return;
        }
        if (!create.Elements.IsEmpty)
        {
            Write(" (");
            List(create.Elements, TableElement);
            Write(')');
        }
        foreach (var option in create.Options)
        {
            Write(' ');
            TableOption(option);
        }
        if (create.AsQuery is not null)
        {
            Write(create.OnDuplicate switch { DuplicateHandling.Ignore => " IGNORE", DuplicateHandling.Replace => " REPLACE", _ => "" });
            Write(" AS ");
            Query(create.AsQuery);
        }
    }

    private void TableOption(TableOption option)
    {
        if (option.Name == "START TRANSACTION")
        {
            Write(option.Name);
            return;
        }
        Write(option.Name == "CHARACTER SET" ? "DEFAULT CHARSET" : option.Name).Write('=');
        if (option.Quoted) StringValue(option.Value);
        else OptionValue(option.Value);
    }

    private void TableElement(TableElement element)
    {
        switch (element)
        {
            case ColumnDefinition column: ColumnDefinition(column); break;
            case IndexDefinition index:
                if (index.ConstraintName is not null) Write("CONSTRAINT ").Identifier(index.ConstraintName).Write(' ');
                Write(index.Kind switch
                {
                    IndexKind.Primary => "PRIMARY KEY",
                    IndexKind.Unique => "UNIQUE KEY",
                    IndexKind.Fulltext => "FULLTEXT KEY",
                    IndexKind.Spatial => "SPATIAL KEY",
                    _ => "KEY",
                });
                if (index.Name is not null) Write(' ').Identifier(index.Name);
                Write(' ');
                IndexPartsAndOptions(index);
                break;
            case ForeignKeyDefinition foreignKey:
                if (foreignKey.ConstraintName is not null) Write("CONSTRAINT ").Identifier(foreignKey.ConstraintName).Write(' ');
                Write("FOREIGN KEY ");
                if (foreignKey.IndexName is not null) Identifier(foreignKey.IndexName).Write(' ');
                Write('(').IdentifierList(foreignKey.Columns).Write(") ");
                References(foreignKey.References);
                break;
            case CheckConstraint check: Check(check); break;
        }
    }

    private void IndexAlgorithm(IndexAlgorithm algorithm)
    {
        if (algorithm != Syntax.IndexAlgorithm.Default) Write(algorithm == Syntax.IndexAlgorithm.BTree ? "USING BTREE " : "USING HASH ");
    }

    private void IndexPartsAndOptions(IndexDefinition index)
    {
        IndexAlgorithm(index.Algorithm);
        Write('(');
        List(index.Parts, part =>
        {
            if (part.Expression is not null)
            {
                Write('(');
                Expr(part.Expression);
                Write(')');
            }
            else
            {
                Identifier(part.Column!);
                if (part.PrefixLength is { } length) Write('(').Write(length.ToString(CultureInfo.InvariantCulture)).Write(')');
            }
            if (part.Descending) Write(" DESC");
        });
        Write(')');
        if (index.Comment is not null) Write(" COMMENT ").StringValue(index.Comment);
        if (index.Invisible) Write(" INVISIBLE");
    }

    private void References(ForeignKeyReference references)
    {
        Write("REFERENCES ").Name(references.Table).Write(" (").IdentifierList(references.Columns).Write(')');
        if (references.OnDelete != ReferentialAction.Default) Write(" ON DELETE ").Write(ActionName(references.OnDelete));
        if (references.OnUpdate != ReferentialAction.Default) Write(" ON UPDATE ").Write(ActionName(references.OnUpdate));
    }

    private static string ActionName(ReferentialAction action) => action switch
    {
        ReferentialAction.Restrict => "RESTRICT",
        ReferentialAction.Cascade => "CASCADE",
        ReferentialAction.SetNull => "SET NULL",
        ReferentialAction.SetDefault => "SET DEFAULT",
        _ => "NO ACTION",
    };

    private void Check(CheckConstraint check)
    {
        if (check.Name is not null) Write("CONSTRAINT ").Identifier(check.Name).Write(' ');
        Write("CHECK (");
        Expr(check.Condition);
        Write(')');
        if (!check.Enforced) Write(" NOT ENFORCED");
    }

    private void ColumnDefinition(ColumnDefinition column)
    {
        Identifier(column.Name).Write(' ');
        DataType(column.Type);
        if (column.Generated is not null)
        {
            Write(" GENERATED ALWAYS AS (");
            Expr(column.Generated.Expression);
            Write(column.Generated.Stored ? ") STORED" : ") VIRTUAL");
        }
        if (column.Nullable is { } nullable) Write(nullable ? " NULL" : " NOT NULL");
        if (column.Default is not null)
        {
            Write(" DEFAULT ");
            ColumnDefault(column.Default);
        }
        if (column.OnUpdate is not null)
        {
            Write(" ON UPDATE ");
            Expr(column.OnUpdate, PrimaryLevel);
        }
        if (column.AutoIncrement) Write(" AUTO_INCREMENT");
        if (column.Unique) Write(" UNIQUE KEY");
        if (column.PrimaryKey) Write(" PRIMARY KEY");
        if (column.Comment is not null) Write(" COMMENT ").StringValue(column.Comment);
        if (column.Invisible) Write(" INVISIBLE");
        if (column.Check is not null)
        {
            Write(' ');
            Check(column.Check);
        }
        if (column.References is not null)
        {
            Write(' ');
            References(column.References);
        }
    }

    /// <summary>Literals and function calls print bare; any other expression in parentheses, as MySQL requires.</summary>
    private void ColumnDefault(Expression value)
    {
        var bare = value is NullLiteral or BooleanLiteral or NumberLiteral or StringLiteral or HexLiteral or BitLiteral or TemporalLiteral or FunctionCall
            || value is UnaryExpression { Operator: UnaryOperator.Negate or UnaryOperator.Plus, Operand: NumberLiteral };
        if (bare)
        {
            Expr(value, UnaryLevel);
            return;
        }
        Write('(');
        Expr(value);
        Write(')');
    }

    private void DataType(DataType type)
    {
        Write(TypeName(type.Name));
        if (type.Name is Syntax.DataTypeName.Enum or Syntax.DataTypeName.Set)
        {
            Write('(');
            List(type.Values, value => StringValue(value), ",");
            Write(')');
        }
        else if (type.Length is { } length)
        {
            Write('(').Write(length.ToString(CultureInfo.InvariantCulture));
            if (type.Scale is { } scale) Write(',').Write(scale.ToString(CultureInfo.InvariantCulture));
            Write(')');
        }
        if (type.Unsigned) Write(" UNSIGNED");
        if (type.Zerofill) Write(" ZEROFILL");
        if (type.BinaryCollation) Write(" BINARY");
        if (type.CharacterSet is not null) Write(" CHARACTER SET ").BareName(type.CharacterSet);
        if (type.Collation is not null) Write(" COLLATE ").BareName(type.Collation);
    }

    private void CastType(DataType type)
    {
        switch (type.Name)
        {
            case Syntax.DataTypeName.BigInt:
                Write(type.Unsigned ? "UNSIGNED" : "SIGNED");
                return;
            case Syntax.DataTypeName.Char:
                Write("CHAR");
                if (type.Length is { } length) Write('(').Write(length.ToString(CultureInfo.InvariantCulture)).Write(')');
                if (type.CharacterSet is not null) Write(" CHARACTER SET ").BareName(type.CharacterSet);
                return;
            default:
                DataType(type);
                return;
        }
    }

    private static string TypeName(DataTypeName name) => name switch
    {
        Syntax.DataTypeName.TinyInt => "TINYINT",
        Syntax.DataTypeName.SmallInt => "SMALLINT",
        Syntax.DataTypeName.MediumInt => "MEDIUMINT",
        Syntax.DataTypeName.Int => "INT",
        Syntax.DataTypeName.BigInt => "BIGINT",
        Syntax.DataTypeName.Decimal => "DECIMAL",
        Syntax.DataTypeName.Float => "FLOAT",
        Syntax.DataTypeName.Double => "DOUBLE",
        Syntax.DataTypeName.Bit => "BIT",
        Syntax.DataTypeName.Char => "CHAR",
        Syntax.DataTypeName.VarChar => "VARCHAR",
        Syntax.DataTypeName.TinyText => "TINYTEXT",
        Syntax.DataTypeName.Text => "TEXT",
        Syntax.DataTypeName.MediumText => "MEDIUMTEXT",
        Syntax.DataTypeName.LongText => "LONGTEXT",
        Syntax.DataTypeName.Binary => "BINARY",
        Syntax.DataTypeName.VarBinary => "VARBINARY",
        Syntax.DataTypeName.TinyBlob => "TINYBLOB",
        Syntax.DataTypeName.Blob => "BLOB",
        Syntax.DataTypeName.MediumBlob => "MEDIUMBLOB",
        Syntax.DataTypeName.LongBlob => "LONGBLOB",
        Syntax.DataTypeName.Date => "DATE",
        Syntax.DataTypeName.DateTime => "DATETIME",
        Syntax.DataTypeName.Timestamp => "TIMESTAMP",
        Syntax.DataTypeName.Time => "TIME",
        Syntax.DataTypeName.Year => "YEAR",
        Syntax.DataTypeName.Enum => "ENUM",
        Syntax.DataTypeName.Set => "SET",
        Syntax.DataTypeName.Json => "JSON",
        Syntax.DataTypeName.Geometry => "GEOMETRY",
        Syntax.DataTypeName.Point => "POINT",
        Syntax.DataTypeName.LineString => "LINESTRING",
        Syntax.DataTypeName.Polygon => "POLYGON",
        Syntax.DataTypeName.MultiPoint => "MULTIPOINT",
        Syntax.DataTypeName.MultiLineString => "MULTILINESTRING",
        Syntax.DataTypeName.MultiPolygon => "MULTIPOLYGON",
        _ => "GEOMETRYCOLLECTION",
    };

    private void AlterAction(AlterTableAction action)
    {
        switch (action)
        {
            case AddColumnsAction add:
                Write("ADD COLUMN ");
                if (add.Columns.Count == 1)
                {
                    ColumnDefinition(add.Columns[0]);
                    Position(add.Position);
                }
                else
                {
                    Write('(');
                    List(add.Columns, ColumnDefinition);
                    Write(')');
                }
                break;
            case AddConstraintAction add:
                Write("ADD ");
                TableElement(add.Constraint);
                break;
            case DropColumnAction drop: Write("DROP COLUMN ").Identifier(drop.Name); break;
            case ModifyColumnAction modify:
                Write("MODIFY COLUMN ");
                ColumnDefinition(modify.Column);
                Position(modify.Position);
                break;
            case ChangeColumnAction change:
                Write("CHANGE COLUMN ").Identifier(change.OldName).Write(' ');
                ColumnDefinition(change.Column);
                Position(change.Position);
                break;
            case AlterColumnDefaultAction alter:
                Write("ALTER COLUMN ").Identifier(alter.Column);
                if (alter.Default is null)
                {
                    Write(" DROP DEFAULT");
                }
                else
                {
                    Write(" SET DEFAULT ");
                    ColumnDefault(alter.Default);
                }
                break;
            case RenameColumnAction rename: Write("RENAME COLUMN ").Identifier(rename.From).Write(" TO ").Identifier(rename.To); break;
            case RenameIndexAction rename: Write("RENAME INDEX ").Identifier(rename.From).Write(" TO ").Identifier(rename.To); break;
            case RenameTableAction rename: Write("RENAME TO ").Name(rename.To); break;
            case DropKeyAction drop:
                Write(drop.Kind switch
                {
                    DroppedKeyKind.PrimaryKey => "DROP PRIMARY KEY",
                    DroppedKeyKind.ForeignKey => "DROP FOREIGN KEY ",
                    DroppedKeyKind.Check => "DROP CHECK ",
                    DroppedKeyKind.Constraint => "DROP CONSTRAINT ",
                    _ => "DROP INDEX ",
                });
                if (drop.Name is not null) Identifier(drop.Name);
                break;
            case TableOptionsAction options: List(options.Options, TableOption, " "); break;
            case ConvertCharsetAction convert:
                Write("CONVERT TO CHARACTER SET ").BareName(convert.CharacterSet);
                if (convert.Collation is not null) Write(" COLLATE ").BareName(convert.Collation);
                break;
            case KeysAction keys: Write(keys.Enable ? "ENABLE KEYS" : "DISABLE KEYS"); break;
            case AlterOptionAction option: Write(option.Name).Write('=').OptionValue(option.Value); break;
            case ForceRebuildAction: Write("FORCE"); break;
        }
    }

    private void Position(ColumnPosition? position)
    {
        if (position is null) return;
        if (position.After is null) Write(" FIRST");
        else Write(" AFTER ").Identifier(position.After);
    }
}
