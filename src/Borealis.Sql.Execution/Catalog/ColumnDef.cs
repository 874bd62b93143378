using System.Text.Json.Serialization;
using Borealis.Sql.Syntax;

namespace Borealis.Sql.Execution.Catalog;

/// <summary>
/// One column as the catalog keeps it (serialized as JSON in the catalog index, so these names
/// are on disk: rename none). The SQL-level type is kept, not just the engine's
/// <see cref="Engine.Rows.ColumnType"/>, because SHOW CREATE TABLE and DESCRIBE print it.
/// </summary>
public sealed record ColumnDef
{
    public required string Name { get; init; }
    /// <summary>By name on disk: the parser's enum may be reordered, its names stay MySQL's.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<DataTypeName>))]
    public required DataTypeName Type { get; init; }
    public int? Length { get; init; }
    public int? Scale { get; init; }
    public bool Unsigned { get; init; }
    /// <summary>Collation id for character columns (255 utf8mb4_0900_ai_ci by default), 63 otherwise.</summary>
    public int CollationId { get; init; } = 63;
    public bool Nullable { get; init; } = true;
    public bool AutoIncrement { get; init; }
    /// <summary>The default as SQL text of a literal ("NULL" is kept as null + <see cref="HasDefault"/>).</summary>
    public string? DefaultText { get; init; }
    public bool HasDefault { get; init; }
    /// <summary>DEFAULT CURRENT_TIMESTAMP.</summary>
    public bool DefaultNow { get; init; }
}

/// <summary>A secondary index: its columns (ordinals) and the engine index that holds it.</summary>
public sealed record IndexDef
{
    public required string Name { get; init; }
    public required bool Unique { get; init; }
    public required int[] Columns { get; init; }
    public required uint IndexId { get; init; }
}

/// <summary>A table: columns, primary key (ordinals, empty for a hidden row id), indexes.</summary>
public sealed record TableDef
{
    public required string Database { get; init; }
    public required string Name { get; init; }
    public required ColumnDef[] Columns { get; init; }
    public required int[] PrimaryKey { get; init; }
    public required uint ClusteredIndexId { get; init; }
    public IndexDef[] Indexes { get; init; } = [];
    /// <summary>Engine sequence for AUTO_INCREMENT or the hidden row id (the clustered index id).</summary>
    [JsonIgnore]
    public uint SequenceId => ClusteredIndexId;
    [JsonIgnore]
    public int AutoIncrementColumn => Array.FindIndex(Columns, c => c.AutoIncrement);

    public int FindColumn(string name)
    {
        for (var i = 0; i < Columns.Length; i++)
            if (string.Equals(Columns[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}

/// <summary>A database (schema).</summary>
public sealed record DatabaseDef
{
    public required string Name { get; init; }
    public int CollationId { get; init; } = 255;
}
