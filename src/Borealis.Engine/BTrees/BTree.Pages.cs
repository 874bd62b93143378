using Borealis.Common;
using Borealis.Engine.Buffers;

namespace Borealis.Engine.BTrees;

public sealed partial class BTree
{
    /// <summary>
    /// Every page of the tree, root first, level by level. For a tree no one uses any more (a
    /// dropped index): it takes no latches, so the tree must not change meanwhile.
    /// </summary>
    public async Task<List<PageId>> CollectPagesAsync(CancellationToken cancellationToken = default)
    {
        var pages = new List<PageId>();
        var level = new List<PageId> { Root };
        while (level.Count > 0)
        {
            pages.AddRange(level);
            var next = new List<PageId>();
            foreach (var id in level)
            {
                using var page = await _pool.PinAsync(id, PageAccess.Scan, cancellationToken).ConfigureAwait(false);
                var node = new Node(page.Bytes);
                if (node.IsLeaf) continue;
                for (var i = -1; i < node.Count; i++) next.Add(node.ChildAt(i));
            }
            level = next;
        }
        return pages;
    }
}
