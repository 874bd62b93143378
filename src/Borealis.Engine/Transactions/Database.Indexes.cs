using System.Buffers.Binary;
using Borealis.Common;
using Borealis.Engine.BTrees;
using Borealis.Engine.Pages;

namespace Borealis.Engine.Transactions;

public sealed partial class Database
{
    /// <summary>The index directory's root: index id (u32 big-endian) → root page (u64 little-endian).</summary>
    public static readonly PageId DirectoryRoot = new(1);

    private readonly SemaphoreSlim _ddl = new(1, 1);
    private readonly Dictionary<IndexId, IndexTree> _indexes = [];
    private BTree _directory = null!;
    private uint _nextIndexId = 1;

    private async Task OpenDirectoryAsync(CancellationToken cancellationToken)
    {
        _directory = await OpenOrCreateAsync(DirectoryRoot, cancellationToken).ConfigureAwait(false);
        await foreach (var (key, value) in _directory.ScanAsync(KeyRange.All, ScanDirection.Forward, cancellationToken).ConfigureAwait(false))
        {
            var id = new IndexId(BinaryPrimitives.ReadUInt32BigEndian(key));
            var tree = await BTree.OpenAsync(Pool, new PageId(BinaryPrimitives.ReadUInt64LittleEndian(value)), cancellationToken).ConfigureAwait(false);
            _indexes[id] = new IndexTree(id, tree);
            if (id.Value >= _nextIndexId) _nextIndexId = id.Value + 1;
        }
    }

    /// <summary>
    /// Creates an empty index, durably, before it returns. Like DDL in MySQL it is not part of
    /// any transaction.
    /// </summary>
    public async Task<IndexTree> CreateIndexAsync(CancellationToken cancellationToken = default)
    {
        await _ddl.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var id = new IndexId(_nextIndexId);
            BTree tree;
            Lsn lsn;
            var scope = await ChangeScope.BeginAsync(Pool, cancellationToken).ConfigureAwait(false);
            await using (scope.ConfigureAwait(false))
            {
                tree = await BTree.CreateAsync(scope, cancellationToken).ConfigureAwait(false);
                var root = new byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(root, tree.Root.Value);
                await _directory.PutAsync(scope, DirectoryKey(id), root, PutMode.Insert, cancellationToken).ConfigureAwait(false);
                lsn = await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            await Pool.WaitDurableAsync(lsn, cancellationToken).ConfigureAwait(false);
            _nextIndexId++;
            var index = new IndexTree(id, tree);
            lock (_indexes) _indexes[id] = index;
            return index;
        }
        finally { _ddl.Release(); }
    }

    /// <summary>The index named <paramref name="id"/>; throws when there is none.</summary>
    public IndexTree GetIndex(IndexId id)
    {
        lock (_indexes)
            return _indexes.TryGetValue(id, out var index) ? index : throw new EngineException(1146, "42S02", $"index {id} does not exist");
    }

    public IReadOnlyList<IndexId> IndexIds
    {
        get { lock (_indexes) return [.. _indexes.Keys.OrderBy(i => i.Value)]; }
    }

    /// <summary>
    /// Removes an index from the directory, durably, then returns its pages to the allocator in
    /// mini-transactions of at most <see cref="FreeBatch"/> pages. A crash between the two
    /// leaves those pages unreferenced (not reused until a future sweep); never referenced twice.
    /// Overflow chains its rows point to are the caller's to free first.
    /// </summary>
    public async Task DropIndexAsync(IndexId id, CancellationToken cancellationToken = default)
    {
        await _ddl.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            GetIndex(id);
            Lsn lsn;
            var scope = await ChangeScope.BeginAsync(Pool, cancellationToken).ConfigureAwait(false);
            await using (scope.ConfigureAwait(false))
            {
                await _directory.DeleteAsync(scope, DirectoryKey(id), cancellationToken).ConfigureAwait(false);
                lsn = await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            await Pool.WaitDurableAsync(lsn, cancellationToken).ConfigureAwait(false);
            IndexTree dropped;
            lock (_indexes)
            {
                dropped = _indexes[id];
                _indexes.Remove(id);
            }
            await FreePagesAsync(await dropped.Tree.CollectPagesAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        finally { _ddl.Release(); }
    }

    /// <summary>Pages freed per mini-transaction when an index is dropped: each is latched until its MTR is appended.</summary>
    public const int FreeBatch = 64;

    private async Task FreePagesAsync(List<PageId> pages, CancellationToken cancellationToken)
    {
        var lsn = Lsn.Zero;
        for (var start = 0; start < pages.Count; start += FreeBatch)
        {
            var scope = await ChangeScope.BeginAsync(Pool, cancellationToken).ConfigureAwait(false);
            await using (scope.ConfigureAwait(false))
            {
                foreach (var page in pages.Skip(start).Take(FreeBatch))
                    await scope.Allocator.FreeAsync(await scope.LatchAsync(page, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                lsn = await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        if (lsn != Lsn.Zero) await Pool.WaitDurableAsync(lsn, cancellationToken).ConfigureAwait(false);
    }

    private static byte[] DirectoryKey(IndexId id) => BigEndianKey(id.Value);

    /// <summary>A u32 as a memcomparable key (big-endian): the directory's and the sequences' keys.</summary>
    private static byte[] BigEndianKey(uint value)
    {
        var key = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(key, value);
        return key;
    }

    /// <summary>The tree at one of the fixed roots, made on first use.</summary>
    private async Task<BTree> OpenOrCreateAsync(PageId root, CancellationToken cancellationToken)
    {
        PageKind kind;
        using (var page = await Pool.PinAsync(root, cancellationToken: cancellationToken).ConfigureAwait(false))
            kind = EnginePage.Kind(page.Bytes);
        return kind == PageKind.Unused
            ? await BTree.CreateAsync(Pool, root, cancellationToken).ConfigureAwait(false)
            : await BTree.OpenAsync(Pool, root, cancellationToken).ConfigureAwait(false);
    }
}
