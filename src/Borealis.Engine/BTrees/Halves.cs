using Borealis.Common;

namespace Borealis.Engine.BTrees;

/// <summary>
/// How the entries of one overfull node (or of two nodes being rebalanced) divide into two
/// nodes of about equal bytes, and the separator that goes up between them.
/// </summary>
internal sealed record Halves(List<NodeEntry> Left, byte[] Separator, PageId RightLeftmost, List<NodeEntry> Right)
{
    /// <summary>
    /// Leaves: the separator is the shortest prefix of the right half's first key that is still
    /// above the left half's last key (suffix truncation: shorter separators, wider internal
    /// nodes). Internal nodes: the middle entry moves up, its child becoming the right node's
    /// leftmost child.
    /// </summary>
    public static Halves Split(List<NodeEntry> entries, bool leaf)
    {
        var total = 0;
        foreach (var e in entries) total += e.CellSize(leaf) + NodeLayout.SlotSize;
        var at = 0;
        var leftBytes = 0;
        while (at < entries.Count && leftBytes + (entries[at].CellSize(leaf) + NodeLayout.SlotSize) / 2 < total / 2)
        {
            leftBytes += entries[at].CellSize(leaf) + NodeLayout.SlotSize;
            at++;
        }
        if (leaf)
        {
            at = Math.Clamp(at, 1, entries.Count - 1);
            var separator = ShortestSeparator(entries[at - 1].Key, entries[at].Key);
            return new Halves(entries[..at], separator, default, entries[at..]);
        }
        at = Math.Clamp(at, 1, entries.Count - 2);
        var middle = entries[at];
        return new Halves(entries[..at], middle.Key, middle.Child, entries[(at + 1)..]);
    }

    private static byte[] ShortestSeparator(byte[] below, byte[] from)
    {
        for (var length = 1; length < from.Length; length++)
            if (from.AsSpan(0, length).SequenceCompareTo(below) > 0) return from[..length];
        return from;
    }
}
