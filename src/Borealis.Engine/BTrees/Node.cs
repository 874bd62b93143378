using System.Buffers.Binary;
using Borealis.Common;
using Borealis.Engine.Pages;

namespace Borealis.Engine.BTrees;

/// <summary>A read-only view of a B+tree node's bytes (layout in <see cref="NodeLayout"/>).</summary>
internal readonly ref struct Node
{
    private readonly ReadOnlySpan<byte> _page;

    public Node(ReadOnlySpan<byte> page) => _page = page;

    public PageKind Kind => (PageKind)_page[NodeLayout.KindOffset];
    public bool IsLeaf => Kind == PageKind.BTreeLeaf;
    public int Level => _page[NodeLayout.LevelOffset];
    public int Count => BinaryPrimitives.ReadUInt16LittleEndian(_page[NodeLayout.CountOffset..]);
    public int CellStart => BinaryPrimitives.ReadUInt16LittleEndian(_page[NodeLayout.CellStartOffset..]);
    public int DeadBytes => BinaryPrimitives.ReadUInt16LittleEndian(_page[NodeLayout.DeadBytesOffset..]);
    public PageId LeftmostChild => new(BinaryPrimitives.ReadUInt64LittleEndian(_page[NodeLayout.LeftmostChildOffset..]));

    public int SlotsEnd => NodeLayout.SlotsOffset + Count * NodeLayout.SlotSize;
    public int ContiguousFree => CellStart - SlotsEnd;
    public int TotalFree => ContiguousFree + DeadBytes;
    /// <summary>Bytes taken by live slots and cells.</summary>
    public int UsedBytes => NodeLayout.Usable - TotalFree;

    private int CellOffset(int slot) => BinaryPrimitives.ReadUInt16LittleEndian(_page[(NodeLayout.SlotsOffset + slot * NodeLayout.SlotSize)..]);
    private int KeyLength(int cell) => BinaryPrimitives.ReadUInt16LittleEndian(_page[cell..]);

    public ReadOnlySpan<byte> Key(int slot)
    {
        var cell = CellOffset(slot);
        var header = IsLeaf ? NodeLayout.LeafCellHeader : NodeLayout.InternalCellHeader;
        return _page.Slice(cell + header, KeyLength(cell));
    }

    public ReadOnlySpan<byte> Value(int slot)
    {
        var cell = CellOffset(slot);
        var valueLength = BinaryPrimitives.ReadUInt16LittleEndian(_page[(cell + 2)..]);
        return _page.Slice(cell + NodeLayout.LeafCellHeader + KeyLength(cell), valueLength);
    }

    public PageId Child(int slot) => new(BinaryPrimitives.ReadUInt64LittleEndian(_page[(CellOffset(slot) + 2)..]));

    /// <summary>The child for index -1 (leftmost) up to Count - 1.</summary>
    public PageId ChildAt(int index) => index < 0 ? LeftmostChild : Child(index);

    public int CellSize(int slot)
    {
        var cell = CellOffset(slot);
        return IsLeaf
            ? NodeLayout.LeafCellHeader + KeyLength(cell) + BinaryPrimitives.ReadUInt16LittleEndian(_page[(cell + 2)..])
            : NodeLayout.InternalCellHeader + KeyLength(cell);
    }

    /// <summary>The first slot whose key is at or above <paramref name="key"/> (Count when none).</summary>
    public int LowerBound(ReadOnlySpan<byte> key)
    {
        int low = 0, high = Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (Key(mid).SequenceCompareTo(key) < 0) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    /// <summary>The first slot whose key is above <paramref name="key"/> (Count when none).</summary>
    public int UpperBound(ReadOnlySpan<byte> key)
    {
        int low = 0, high = Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (Key(mid).SequenceCompareTo(key) <= 0) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    /// <summary>Index (-1 = leftmost) of the child whose key range holds <paramref name="key"/>.</summary>
    public int ChildIndexFor(ReadOnlySpan<byte> key) => UpperBound(key) - 1;

    public NodeEntry Entry(int slot) =>
        IsLeaf ? NodeEntry.Leaf(Key(slot).ToArray(), Value(slot).ToArray()) : NodeEntry.Internal(Key(slot).ToArray(), Child(slot));

    public List<NodeEntry> Entries()
    {
        var entries = new List<NodeEntry>(Count + 1);
        for (var i = 0; i < Count; i++) entries.Add(Entry(i));
        return entries;
    }
}
