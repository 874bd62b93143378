using Borealis.Common;
using Borealis.Engine.Buffers;

namespace Borealis.Engine.BTrees;

public sealed partial class BTree
{
    /// <summary>The value stored under <paramref name="key"/>, or null.</summary>
    public async ValueTask<byte[]?> TryGetAsync(ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        var (leaf, _) = await DescendSharedAsync(key, SeekKind.AtOrAfter, PageAccess.Normal, cancellationToken).ConfigureAwait(false);
        try
        {
            var node = new Node(leaf.Bytes);
            var slot = node.LowerBound(key.Span);
            return slot < node.Count && node.Key(slot).SequenceEqual(key.Span) ? node.Value(slot).ToArray() : null;
        }
        finally { ReleaseShared(leaf); }
    }

    /// <summary>How a reader chooses the child at each level.</summary>
    private enum SeekKind
    {
        /// <summary>The child holding <c>key</c> (or the first leaf when there is no key).</summary>
        AtOrAfter,
        /// <summary>The child holding the greatest key at or below <c>key</c> (the last leaf when there is none).</summary>
        AtOrBefore,
        /// <summary>The child holding the greatest key strictly below <c>key</c>.</summary>
        Before,
    }

    /// <summary>
    /// Finds the leaf for a seek with shared latches coupled top-down, and the fence beyond it:
    /// for forward seeks the lowest separator above the leaf's range (where the next leaf
    /// starts), for backward seeks the separator the leaf's range starts at. Null fence: no
    /// leaf beyond. Returns the leaf pinned and latched shared.
    /// </summary>
    private async ValueTask<(PinnedPage Leaf, byte[]? Fence)> DescendSharedAsync(ReadOnlyMemory<byte>? key, SeekKind seek, PageAccess leafAccess, CancellationToken cancellationToken)
    {
        var page = await _pool.PinAsync(Root, PageAccess.Normal, cancellationToken).ConfigureAwait(false);
        byte[]? fence = null;
        try
        {
            await page.Latch.AcquireSharedAsync().ConfigureAwait(false);
        }
        catch
        {
            page.Dispose();
            throw;
        }
        try
        {
            while (true)
            {
                PageId childId;
                PageAccess access;
                {
                    var node = new Node(page.Bytes);
                    if (node.IsLeaf) return (page, fence);
                    int index;
                    if (key is not { } k) index = seek == SeekKind.AtOrAfter ? -1 : node.Count - 1;
                    else if (seek == SeekKind.Before) index = node.LowerBound(k.Span) - 1;
                    else index = node.ChildIndexFor(k.Span);
                    if (seek == SeekKind.AtOrAfter)
                    {
                        if (index + 1 < node.Count) fence = node.Key(index + 1).ToArray();
                    }
                    else if (index >= 0) fence = node.Key(index).ToArray();
                    childId = node.ChildAt(index);
                    access = node.Level == 1 ? leafAccess : PageAccess.Normal;
                }
                var child = await _pool.PinAsync(childId, access, cancellationToken).ConfigureAwait(false);
                try { await child.Latch.AcquireSharedAsync().ConfigureAwait(false); }
                catch
                {
                    child.Dispose();
                    throw;
                }
                ReleaseShared(page);
                page = child;
            }
        }
        catch
        {
            ReleaseShared(page);
            throw;
        }
    }

    private static void ReleaseShared(PinnedPage page)
    {
        page.Latch.ReleaseShared();
        page.Dispose();
    }
}
