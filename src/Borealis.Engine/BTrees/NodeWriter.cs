using System.Buffers;
using System.Buffers.Binary;
using Borealis.Common;
using Borealis.Engine.Buffers;
using Borealis.Engine.Pages;
using Borealis.Redo;

namespace Borealis.Engine.BTrees;

/// <summary>Changes to a node's bytes, every one through the scope's <see cref="PageWriter"/>.</summary>
internal static class NodeWriter
{
    /// <summary>
    /// Rewrites a whole node from <paramref name="entries"/>: header, slots, cells packed at the
    /// end. Built over a copy of the current bytes so the regions it does not use keep their
    /// old contents, and the page writer's diff sends only what really changed.
    /// </summary>
    public static void Build(PageWriter writer, PinnedPage page, PageKind kind, int level, PageId leftmost, IReadOnlyList<NodeEntry> entries)
    {
        var scratch = ArrayPool<byte>.Shared.Rent(PageFrame.PageSize);
        try
        {
            var image = scratch.AsSpan(0, PageFrame.PageSize);
            page.Bytes.CopyTo(image);
            var leaf = kind == PageKind.BTreeLeaf;
            var cellStart = PageFrame.PageSize;
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                cellStart -= entry.CellSize(leaf);
                WriteCell(image[cellStart..], entry, leaf);
                BinaryPrimitives.WriteUInt16LittleEndian(image[(NodeLayout.SlotsOffset + i * NodeLayout.SlotSize)..], (ushort)cellStart);
            }
            if (cellStart < NodeLayout.SlotsOffset + entries.Count * NodeLayout.SlotSize)
                throw new InvalidOperationException($"{entries.Count} entries do not fit in page {page.Id}");
            WriteHeader(image, kind, level, entries.Count, cellStart, deadBytes: 0, leftmost);
            writer.Write(page, PageFrame.HeaderSize, image[PageFrame.HeaderSize..]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static void WriteHeader(Span<byte> page, PageKind kind, int level, int count, int cellStart, int deadBytes, PageId leftmost)
    {
        page[NodeLayout.KindOffset] = (byte)kind;
        page[NodeLayout.LevelOffset] = (byte)level;
        BinaryPrimitives.WriteUInt16LittleEndian(page[NodeLayout.CountOffset..], (ushort)count);
        BinaryPrimitives.WriteUInt16LittleEndian(page[NodeLayout.CellStartOffset..], (ushort)cellStart);
        BinaryPrimitives.WriteUInt16LittleEndian(page[NodeLayout.DeadBytesOffset..], (ushort)deadBytes);
        BinaryPrimitives.WriteUInt64LittleEndian(page[NodeLayout.LeftmostChildOffset..], leftmost.Value);
    }

    private static void WriteCell(Span<byte> cell, NodeEntry entry, bool leaf)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(cell, (ushort)entry.Key.Length);
        if (leaf)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(cell[2..], (ushort)entry.Value.Length);
            entry.Key.CopyTo(cell[NodeLayout.LeafCellHeader..]);
            entry.Value.CopyTo(cell[(NodeLayout.LeafCellHeader + entry.Key.Length)..]);
        }
        else
        {
            BinaryPrimitives.WriteUInt64LittleEndian(cell[2..], entry.Child.Value);
            entry.Key.CopyTo(cell[NodeLayout.InternalCellHeader..]);
        }
    }

    /// <summary>
    /// Inserts <paramref name="entry"/> at <paramref name="slot"/> when the node has room,
    /// compacting it first if only its dead cells make the room; false when it must split.
    /// </summary>
    public static bool TryInsert(PageWriter writer, PinnedPage page, int slot, NodeEntry entry)
    {
        var node = new Node(page.Bytes);
        var leaf = node.IsLeaf;
        var need = entry.CellSize(leaf) + NodeLayout.SlotSize;
        if (node.ContiguousFree >= need)
        {
            InsertInPlace(writer, page, slot, entry, leaf);
            return true;
        }
        if (node.TotalFree < need) return false;
        var entries = node.Entries();
        entries.Insert(slot, entry);
        Build(writer, page, node.Kind, node.Level, node.LeftmostChild, entries);
        return true;
    }

    private static void InsertInPlace(PageWriter writer, PinnedPage page, int slot, NodeEntry entry, bool leaf)
    {
        var node = new Node(page.Bytes);
        var count = node.Count;
        var deadBytes = node.DeadBytes;
        var leftmost = node.LeftmostChild;
        var cellSize = entry.CellSize(leaf);
        var cellStart = node.CellStart - cellSize;

        var cell = ArrayPool<byte>.Shared.Rent(cellSize);
        try
        {
            WriteCell(cell, entry, leaf);
            writer.Write(page, cellStart, cell.AsSpan(0, cellSize));
        }
        finally { ArrayPool<byte>.Shared.Return(cell); }

        // Slots from the insertion point on move one place right.
        var slotAt = NodeLayout.SlotsOffset + slot * NodeLayout.SlotSize;
        var tailLength = (count - slot) * NodeLayout.SlotSize;
        Span<byte> slots = stackalloc byte[tailLength + NodeLayout.SlotSize];
        BinaryPrimitives.WriteUInt16LittleEndian(slots, (ushort)cellStart);
        page.Bytes.Slice(slotAt, tailLength).CopyTo(slots[NodeLayout.SlotSize..]);
        writer.Write(page, slotAt, slots);

        WriteCounts(writer, page, count + 1, cellStart, deadBytes, leftmost);
    }

    /// <summary>Removes the cell at <paramref name="slot"/>; its bytes stay dead until the page is rebuilt.</summary>
    public static void Remove(PageWriter writer, PinnedPage page, int slot)
    {
        var node = new Node(page.Bytes);
        var count = node.Count;
        var cellSize = node.CellSize(slot);
        var cellStart = node.CellStart;
        var deadBytes = node.DeadBytes + cellSize;
        var leftmost = node.LeftmostChild;
        var slotAt = NodeLayout.SlotsOffset + slot * NodeLayout.SlotSize;
        var tailLength = (count - slot - 1) * NodeLayout.SlotSize;
        if (tailLength > 0)
        {
            Span<byte> tail = stackalloc byte[tailLength];
            page.Bytes.Slice(slotAt + NodeLayout.SlotSize, tailLength).CopyTo(tail);
            writer.Write(page, slotAt, tail);
        }
        if (count == 1)
        {
            // The last cell gone: the whole area is free again, nothing is dead.
            cellStart = PageFrame.PageSize;
            deadBytes = 0;
        }
        WriteCounts(writer, page, count - 1, cellStart, deadBytes, leftmost);
    }

    private static void WriteCounts(PageWriter writer, PinnedPage page, int count, int cellStart, int deadBytes, PageId leftmost)
    {
        Span<byte> header = stackalloc byte[NodeLayout.SlotsOffset - NodeLayout.CountOffset];
        BinaryPrimitives.WriteUInt16LittleEndian(header, (ushort)count);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], (ushort)cellStart);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], (ushort)deadBytes);
        BinaryPrimitives.WriteUInt64LittleEndian(header[6..], leftmost.Value);
        writer.Write(page, NodeLayout.CountOffset, header);
    }
}
