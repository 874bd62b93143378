using Borealis.Engine.Rows;
using Borealis.Engine.Transactions;

namespace Borealis.Sql.Execution.Catalog;

/// <summary>A table ready to use: its definition, row schema and the engine indexes behind it.</summary>
public sealed class TableRuntime
{
    public TableRuntime(TableDef def, Database database)
    {
        Def = def;
        Types = [.. def.Columns.Select(TypeMapping.ToEngine)];
        Schema = new RowSchema(Types);
        Clustered = database.GetIndex(new IndexId(def.ClusteredIndexId));
        Secondary = [.. def.Indexes.Select(i => database.GetIndex(new IndexId(i.IndexId)))];
    }

    public TableDef Def { get; }
    public ColumnType[] Types { get; }
    public RowSchema Schema { get; }
    public IndexTree Clustered { get; }
    public IndexTree[] Secondary { get; }
    public bool HasHiddenKey => Def.PrimaryKey.Length == 0;
}
