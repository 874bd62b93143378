using Borealis.Common;
using Borealis.Engine.Pages;

namespace Borealis.Engine.BTrees;

public sealed partial class BTree
{
    /// <summary>
    /// Inserts a new key; false, changing nothing, when the key is already there (keys are
    /// unique). Durable when it returns true.
    /// </summary>
    public ValueTask<bool> InsertAsync(ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        PutAsync(key, value, replace: false, cancellationToken);

    /// <summary>
    /// Writes a leaf entry in one mini-transaction: a new key when <paramref name="replace"/> is
    /// false, a new value for an existing key when true; false, changing nothing, otherwise.
    /// </summary>
    private async ValueTask<bool> PutAsync(ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value, bool replace, CancellationToken cancellationToken)
    {
        Lsn lsn;
        var scope = await ChangeScope.BeginAsync(_pool, cancellationToken).ConfigureAwait(false);
        await using (scope.ConfigureAwait(false))
        {
            var result = await PutAsync(scope, key, value, replace ? PutMode.Replace : PutMode.Insert, cancellationToken).ConfigureAwait(false);
            if (!result.Written) return false;
            lsn = await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        await _pool.WaitDurableAsync(lsn, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Writes a leaf entry as part of <paramref name="scope"/>'s mini-transaction (which the
    /// caller commits): what <paramref name="mode"/> allows, else nothing. Returns the value it
    /// replaced, read while the leaf was latched, so a caller keeping old versions needs no
    /// second lookup.
    /// </summary>
    public async ValueTask<PutResult> PutAsync(ChangeScope scope, ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value, PutMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        CheckKey(key);
        CheckEntry(key, value);
        var path = await LatchPathAsync(scope, key, cancellationToken).ConfigureAwait(false);
        var slot = FindInLeaf(path[^1], key.Span, out var found);
        if (found ? mode == PutMode.Insert : mode == PutMode.Replace) return new PutResult(false, found ? new Node(path[^1].Page.Bytes).Value(slot).ToArray() : null);
        byte[]? previous = null;
        // Replacing is out, then in again at the same place: in place when the page has room,
        // else a split. A value that shrank may leave the leaf underfull: correct, merged by a
        // later delete.
        if (found)
        {
            previous = new Node(path[^1].Page.Bytes).Value(slot).ToArray();
            NodeWriter.Remove(scope.Writer, path[^1].Page, slot);
        }
        await InsertEntryAsync(scope, path, path.Count - 1, slot, NodeEntry.Leaf(key.ToArray(), value.ToArray()), cancellationToken).ConfigureAwait(false);
        return new PutResult(true, previous);
    }

    private static int FindInLeaf(PathStep leaf, ReadOnlySpan<byte> key, out bool found)
    {
        var node = new Node(leaf.Page.Bytes);
        var slot = node.LowerBound(key);
        found = slot < node.Count && node.Key(slot).SequenceEqual(key);
        return slot;
    }

    /// <summary>Latches the path from the root to the leaf for <paramref name="key"/> exclusively, in the scope.</summary>
    private async ValueTask<List<PathStep>> LatchPathAsync(ChangeScope scope, ReadOnlyMemory<byte> key, CancellationToken cancellationToken)
    {
        var path = new List<PathStep>(4);
        var page = await scope.LatchAsync(Root, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            PageId child;
            {
                var node = new Node(page.Bytes);
                if (node.IsLeaf)
                {
                    path.Add(new PathStep(page, -1));
                    return path;
                }
                var index = node.ChildIndexFor(key.Span);
                path.Add(new PathStep(page, index));
                child = node.ChildAt(index);
            }
            page = await scope.LatchAsync(child, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Puts <paramref name="entry"/> at <paramref name="slot"/> of the node at
    /// <paramref name="depth"/> of the path, splitting it (and so on upward) when it is full.
    /// </summary>
    private async ValueTask InsertEntryAsync(ChangeScope scope, List<PathStep> path, int depth, int slot, NodeEntry entry, CancellationToken cancellationToken)
    {
        var page = path[depth].Page;
        if (NodeWriter.TryInsert(scope.Writer, page, slot, entry)) return;

        List<NodeEntry> entries;
        PageKind kind;
        int level;
        PageId leftmost;
        {
            var node = new Node(page.Bytes);
            entries = node.Entries();
            kind = node.Kind;
            level = node.Level;
            leftmost = node.LeftmostChild;
        }
        entries.Insert(slot, entry);
        var halves = Halves.Split(entries, kind == PageKind.BTreeLeaf);

        if (depth == 0)
        {
            // The root keeps its page: both halves move down into new pages under it.
            var left = await scope.Allocator.AllocateAsync(cancellationToken).ConfigureAwait(false);
            var right = await scope.Allocator.AllocateAsync(cancellationToken).ConfigureAwait(false);
            NodeWriter.Build(scope.Writer, left, kind, level, leftmost, halves.Left);
            NodeWriter.Build(scope.Writer, right, kind, level, halves.RightLeftmost, halves.Right);
            NodeWriter.Build(scope.Writer, page, PageKind.BTreeInternal, level + 1, left.Id, [NodeEntry.Internal(halves.Separator, right.Id)]);
            return;
        }

        var sibling = await scope.Allocator.AllocateAsync(cancellationToken).ConfigureAwait(false);
        NodeWriter.Build(scope.Writer, page, kind, level, leftmost, halves.Left);
        NodeWriter.Build(scope.Writer, sibling, kind, level, halves.RightLeftmost, halves.Right);
        var parentSlot = path[depth - 1].ChildIndex + 1;
        await InsertEntryAsync(scope, path, depth - 1, parentSlot, NodeEntry.Internal(halves.Separator, sibling.Id), cancellationToken).ConfigureAwait(false);
    }
}
