namespace Borealis.Engine.Pages;

/// <summary>What an engine page holds: byte 32, the first of the body. Persisted: values never change meaning.</summary>
public enum PageKind : byte
{
    /// <summary>Never written by the engine.</summary>
    Unused = 0,
    BTreeLeaf = 1,
    BTreeInternal = 2,
    /// <summary>The page allocator's counters (page 0).</summary>
    AllocatorMetadata = 3,
    /// <summary>A page on the allocator's free list.</summary>
    Free = 4,
    /// <summary>One page of a chain holding a column value too long for its row (Rows/OverflowPage.cs).</summary>
    Overflow = 5,
}
