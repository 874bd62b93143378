using Borealis.Common;

namespace Borealis.Engine.BTrees;

/// <summary>
/// A cell taken out of a node while a split or merge reshapes pages: a key with its value
/// (leaf) or with the child at and above it (internal).
/// </summary>
internal readonly record struct NodeEntry(byte[] Key, byte[] Value, PageId Child)
{
    public static NodeEntry Leaf(byte[] key, byte[] value) => new(key, value, default);
    public static NodeEntry Internal(byte[] key, PageId child) => new(key, [], child);

    public int CellSize(bool leaf) => leaf ? NodeLayout.LeafCellHeader + Key.Length + Value.Length : NodeLayout.InternalCellHeader + Key.Length;
}
