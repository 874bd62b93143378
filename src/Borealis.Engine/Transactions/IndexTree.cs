using Borealis.Engine.BTrees;

namespace Borealis.Engine.Transactions;

/// <summary>
/// One transactional index: a B+tree whose values are <see cref="StoredVersion"/>s. Keys are
/// unique memcomparable byte strings; a non-unique secondary index makes its keys unique by
/// appending the primary key, as InnoDB's do.
/// </summary>
public sealed class IndexTree
{
    internal IndexTree(IndexId id, BTree tree)
    {
        Id = id;
        Tree = tree;
    }

    public IndexId Id { get; }
    internal BTree Tree { get; }

    public override string ToString() => $"index {Id} (root page {Tree.Root})";
}
