using Borealis.Common;

namespace Borealis.Engine.Rows;

/// <summary>
/// Where a value too long for its row lives: the first page of its chain of overflow pages
/// and its length in bytes. Stored in the row as u64 first page, u64 length (little-endian).
/// </summary>
public readonly record struct OverflowRef(PageId First, long Length)
{
    public const int Size = 16;
}
