using System.Text.Json;
using Borealis.Sql.Execution.Catalog;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Execution.Tests;

/// <summary>
/// The catalog's entries are on disk (JSON in the engine's first index): their field names and
/// enum values are frozen here (STYLE.md item 8). Renaming a property or reordering
/// <see cref="DataTypeName"/> breaks every existing data directory.
/// </summary>
public sealed class CatalogGoldenTests
{
    [Fact]
    public void Table_definition_layout_is_frozen()
    {
        var def = new TableDef
        {
            Database = "shop",
            Name = "t",
            Columns =
            [
                new ColumnDef { Name = "id", Type = DataTypeName.Int, Nullable = false, AutoIncrement = true },
                new ColumnDef { Name = "name", Type = DataTypeName.VarChar, Length = 20, CollationId = 255, HasDefault = true, DefaultText = "x" },
            ],
            PrimaryKey = [0],
            ClusteredIndexId = 7,
            Indexes = [new IndexDef { Name = "name", Unique = false, Columns = [1], IndexId = 8 }],
        };
        const string golden = """{"Database":"shop","Name":"t","Columns":[{"Name":"id","Type":"Int","Length":null,"Scale":null,"Unsigned":false,"CollationId":63,"Nullable":false,"AutoIncrement":true,"DefaultText":null,"HasDefault":false,"DefaultNow":false},{"Name":"name","Type":"VarChar","Length":20,"Scale":null,"Unsigned":false,"CollationId":255,"Nullable":true,"AutoIncrement":false,"DefaultText":"x","HasDefault":true,"DefaultNow":false}],"PrimaryKey":[0],"ClusteredIndexId":7,"Indexes":[{"Name":"name","Unique":false,"Columns":[1],"IndexId":8}]}""";
        Assert.Equal(golden, JsonSerializer.Serialize(def));
        var back = JsonSerializer.Deserialize<TableDef>(golden)!;
        Assert.Equal(def.Columns, back.Columns);
        Assert.Equal(8u, back.Indexes[0].IndexId);
    }
}
