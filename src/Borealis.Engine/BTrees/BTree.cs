using Borealis.Common;
using Borealis.Engine.Buffers;
using Borealis.Engine.Pages;

namespace Borealis.Engine.BTrees;

/// <summary>
/// A B+tree of unique byte-string keys (memcomparable, see Keys/KeyWriter) and byte-string
/// values on slotted pages in the buffer pool. The root stays at the page it was created on:
/// a root split moves its contents down into two new pages. Every operation that changes the
/// tree is one mini-transaction, durable when the call returns.
/// Concurrency: changes run one at a time per buffer pool (its change gate) and latch their
/// whole root-to-leaf path exclusively; readers couple shared latches top-down and never hold
/// two siblings, so the two never deadlock. Split by operation into partial files.
/// </summary>
public sealed partial class BTree
{
    private readonly BufferPool _pool;

    private BTree(BufferPool pool, PageId root)
    {
        _pool = pool;
        Root = root;
    }

    public PageId Root { get; }

    /// <summary>Makes an empty tree rooted at <paramref name="root"/>, one of the pages reserved for roots.</summary>
    public static async Task<BTree> CreateAsync(BufferPool pool, PageId root, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (!PageAllocator.IsReserved(root))
            throw new ArgumentOutOfRangeException(nameof(root), root, $"a root must be one of the reserved pages 1..{PageAllocator.FirstAllocatable - 1}");
        Lsn lsn;
        var scope = await ChangeScope.BeginAsync(pool, cancellationToken).ConfigureAwait(false);
        await using (scope.ConfigureAwait(false))
        {
            var page = await scope.LatchAsync(root, cancellationToken).ConfigureAwait(false);
            var kind = new Node(page.Bytes).Kind;
            if (kind != PageKind.Unused) throw new InvalidOperationException($"page {root} already holds a {kind} page");
            NodeWriter.Build(scope.Writer, page, PageKind.BTreeLeaf, 0, default, []);
            lsn = await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        await pool.WaitDurableAsync(lsn, cancellationToken).ConfigureAwait(false);
        return new BTree(pool, root);
    }

    /// <summary>
    /// Makes an empty tree on a newly allocated page, as part of <paramref name="scope"/>'s
    /// mini-transaction: for trees created at run time, named by the page it returns.
    /// </summary>
    public static async Task<BTree> CreateAsync(ChangeScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var page = await scope.Allocator.AllocateAsync(cancellationToken).ConfigureAwait(false);
        NodeWriter.Build(scope.Writer, page, PageKind.BTreeLeaf, 0, default, []);
        return new BTree(scope.Pool, page.Id);
    }

    /// <summary>Opens the tree rooted at <paramref name="root"/>; nothing is read but the root.</summary>
    public static async Task<BTree> OpenAsync(BufferPool pool, PageId root, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pool);
        using var page = await pool.PinAsync(root, PageAccess.Normal, cancellationToken).ConfigureAwait(false);
        await page.Latch.AcquireSharedAsync().ConfigureAwait(false);
        try
        {
            var kind = new Node(page.Bytes).Kind;
            if (kind is not (PageKind.BTreeLeaf or PageKind.BTreeInternal))
                throw new InvalidDataException($"page {root} is a {kind} page, not the root of a B+tree");
        }
        finally { page.Latch.ReleaseShared(); }
        return new BTree(pool, root);
    }

    /// <summary>Levels from the root to the leaves (1 for a tree that is one leaf).</summary>
    public async Task<int> HeightAsync(CancellationToken cancellationToken = default)
    {
        using var page = await _pool.PinAsync(Root, PageAccess.Normal, cancellationToken).ConfigureAwait(false);
        await page.Latch.AcquireSharedAsync().ConfigureAwait(false);
        try { return new Node(page.Bytes).Level + 1; }
        finally { page.Latch.ReleaseShared(); }
    }

    private static void CheckKey(ReadOnlyMemory<byte> key)
    {
        if (key.Length > NodeLayout.MaxKeyLength)
            throw new ArgumentException($"a key has at most {NodeLayout.MaxKeyLength} bytes, this one {key.Length}", nameof(key));
    }

    private static void CheckEntry(ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value)
    {
        if (key.Length + value.Length > NodeLayout.MaxEntryLength)
            throw new ArgumentException($"key and value take at most {NodeLayout.MaxEntryLength} bytes together (larger values need overflow pages, not built yet)", nameof(value));
    }
}
