namespace Borealis.Engine.Buffers;

/// <summary>Why a page is pinned; decides where a page read on a miss enters the CLOCK.</summary>
public enum PageAccess
{
    /// <summary>A lookup or a change: the page enters hot and survives one sweep of the hand.</summary>
    Normal,
    /// <summary>
    /// A page touched by a range scan: it enters cold, first in line for eviction, so a scan of a
    /// table bigger than the pool does not flush the working set. A hit does not warm it either.
    /// </summary>
    Scan,
}
