namespace Borealis.Engine.Rows;

/// <summary>
/// The row layout (little-endian; see docs/engine.md, "Rows"). A row of n columns:
/// <code>
/// u16        n: columns written (rows older than an ADD COLUMN have fewer than the schema)
/// ⌈n/8⌉      NULL bitmap: bit i%8 of byte i/8 set when column i is NULL
/// u16 × v    one entry per variable-length column among the n, in column order: the end of
///            its bytes, counted from the start of the variable area; bit 15 set when the
///            bytes are an overflow reference (u64 first page, u64 length) instead of the value
/// fixed      the fixed-size columns among the n, in column order, each ColumnType.FixedSize
///            bytes (zeros when NULL)
/// variable   the variable-length values back to back (nothing for NULL or empty ones)
/// </code>
/// Where column i starts depends only on n and the schema, so it is found in O(1). Fixed
/// encodings: integers little-endian two's complement in 1, 2, 3, 4 or 8 bytes; FLOAT and
/// DOUBLE as IEEE bits; DECIMAL as the unscaled integer (Rows/DecimalStorage.cs); BIT, ENUM
/// and SET as an unsigned integer in their size; DATE, DATETIME, TIMESTAMP, TIME as packed
/// integers (<see cref="Temporal"/>) in 3, 8, 8, 8 bytes; YEAR as one byte, year − 1900 (0 for 0).
/// </summary>
public static class RowFormat
{
    internal const int CountSize = 2;
    internal const int VariableEntrySize = 2;
    internal const ushort OverflowFlag = 0x8000;

    /// <summary>Largest variable area a row can have: the end offsets have 15 bits.</summary>
    public const int MaxVariableBytes = 0x7FFF;

    internal static int BitmapLength(int count) => (count + 7) / 8;

    /// <summary>
    /// Longest row that fits a B+tree leaf entry beside a key of <paramref name="keyLength"/>
    /// bytes (the tree takes key + value up to <see cref="BTrees.NodeLayout.MaxEntryLength"/>).
    /// </summary>
    public static int MaxRowLength(int keyLength) => BTrees.NodeLayout.MaxEntryLength - keyLength;
}
