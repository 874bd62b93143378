using Borealis.Redo;

namespace Borealis.Engine.BTrees;

/// <summary>
/// Byte offsets of a B+tree node, a slotted page (little-endian; see docs/engine.md):
/// <code>
///  0..32  page frame header (Borealis.Redo.PageFrame)
/// 32  u8  kind: BTreeLeaf or BTreeInternal
/// 33  u8  level: 0 for leaves, children's level + 1 above
/// 34  u16 slot count
/// 36  u16 start of the cell area (cells grow down from the end of the page)
/// 38  u16 bytes of dead cells (reclaimed when the page is rebuilt)
/// 40  u64 leftmost child (internal): the child for keys below the first separator
/// 48  u16 slots: cell offsets in key order
/// </code>
/// A leaf cell is u16 key length, u16 value length, key, value. An internal cell is u16 key
/// length, u64 child, key: the child holds the keys at or above this separator and below the
/// next one.
/// </summary>
internal static class NodeLayout
{
    public const int KindOffset = PageFrame.HeaderSize;
    public const int LevelOffset = PageFrame.HeaderSize + 1;
    public const int CountOffset = PageFrame.HeaderSize + 2;
    public const int CellStartOffset = PageFrame.HeaderSize + 4;
    public const int DeadBytesOffset = PageFrame.HeaderSize + 6;
    public const int LeftmostChildOffset = PageFrame.HeaderSize + 8;
    public const int SlotsOffset = PageFrame.HeaderSize + 16;
    public const int SlotSize = 2;

    /// <summary>Bytes for slots and cells in one page.</summary>
    public const int Usable = PageFrame.PageSize - SlotsOffset;

    public const int LeafCellHeader = 4;
    public const int InternalCellHeader = 10;

    /// <summary>
    /// Largest cell (with its slot): a quarter of a page, so a split of a full page plus one
    /// cell always leaves both halves able to hold what they get.
    /// </summary>
    public const int MaxCellWithSlot = Usable / 4;

    /// <summary>A node whose slots and cells take less than this after a delete is merged or refilled.</summary>
    public const int UnderflowBytes = Usable / 4;

    public const int MaxKeyLength = 1024;
    public const int MaxEntryLength = MaxCellWithSlot - SlotSize - LeafCellHeader;
}
