using Borealis.Common;
using Borealis.Engine.Pages;

namespace Borealis.Engine.BTrees;

public sealed partial class BTree
{
    /// <summary>Deletes <paramref name="key"/>; false when it was not there. Durable when it returns true.</summary>
    public async ValueTask<bool> DeleteAsync(ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default)
    {
        Lsn lsn;
        var scope = await ChangeScope.BeginAsync(_pool, cancellationToken).ConfigureAwait(false);
        await using (scope.ConfigureAwait(false))
        {
            if (await DeleteAsync(scope, key, cancellationToken).ConfigureAwait(false) is null) return false;
            lsn = await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        await _pool.WaitDurableAsync(lsn, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Deletes <paramref name="key"/> as part of <paramref name="scope"/>'s mini-transaction;
    /// returns the value it had, or null when it was not there.
    /// </summary>
    public ValueTask<byte[]?> DeleteAsync(ChangeScope scope, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default) =>
        DeleteIfAsync(scope, key, null, cancellationToken);

    /// <summary>
    /// As <see cref="DeleteAsync(ChangeScope, ReadOnlyMemory{byte}, CancellationToken)"/>, but
    /// only when <paramref name="condition"/> accepts the value found (judged under the latch).
    /// </summary>
    public async ValueTask<byte[]?> DeleteIfAsync(ChangeScope scope, ReadOnlyMemory<byte> key, Func<byte[], bool>? condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        CheckKey(key);
        var path = await LatchPathAsync(scope, key, cancellationToken).ConfigureAwait(false);
        var slot = FindInLeaf(path[^1], key.Span, out var found);
        if (!found) return null;
        if (condition is not null && !condition(new Node(path[^1].Page.Bytes).Value(slot).ToArray())) return null;
        var previous = new Node(path[^1].Page.Bytes).Value(slot).ToArray();
        NodeWriter.Remove(scope.Writer, path[^1].Page, slot);
        await RebalanceAsync(scope, path, path.Count - 1, cancellationToken).ConfigureAwait(false);
        return previous;
    }

    /// <summary>
    /// After a removal from the node at <paramref name="depth"/>: when it has become less than a
    /// quarter full, merge it with a sibling if both fit in one page (removing their separator
    /// from the parent, which may then underflow in turn), or else even the two out. A root
    /// left with a single child takes over that child's contents, so the tree gets lower.
    /// </summary>
    private async ValueTask RebalanceAsync(ChangeScope scope, List<PathStep> path, int depth, CancellationToken cancellationToken)
    {
        var page = path[depth].Page;
        if (depth == 0)
        {
            await CollapseRootAsync(scope, page, cancellationToken).ConfigureAwait(false);
            return;
        }
        int leftIndex;
        PageId leftId, rightId;
        byte[] separator;
        {
            if (new Node(page.Bytes).UsedBytes >= NodeLayout.UnderflowBytes) return;
            var parent = new Node(path[depth - 1].Page.Bytes);
            if (parent.Count == 0) return; // an only child: nothing to merge with until the root collapses
            var childIndex = path[depth - 1].ChildIndex;
            leftIndex = childIndex < parent.Count - 1 ? childIndex : childIndex - 1;
            leftId = parent.ChildAt(leftIndex);
            rightId = parent.ChildAt(leftIndex + 1);
            separator = parent.Key(leftIndex + 1).ToArray();
        }
        var parentPage = path[depth - 1].Page;
        var left = await scope.LatchAsync(leftId, cancellationToken).ConfigureAwait(false);
        var right = await scope.LatchAsync(rightId, cancellationToken).ConfigureAwait(false);

        List<NodeEntry> entries;
        PageKind kind;
        int level;
        PageId leftmost;
        {
            var l = new Node(left.Bytes);
            var r = new Node(right.Bytes);
            kind = l.Kind;
            level = l.Level;
            leftmost = l.LeftmostChild;
            entries = l.Entries();
            // Internal nodes: the separator comes down between the two, over the right node's leftmost child.
            if (!l.IsLeaf) entries.Add(NodeEntry.Internal(separator, r.LeftmostChild));
            entries.AddRange(r.Entries());
        }
        var leaf = kind == PageKind.BTreeLeaf;
        var bytes = 0;
        foreach (var e in entries) bytes += e.CellSize(leaf) + NodeLayout.SlotSize;

        if (bytes <= NodeLayout.Usable)
        {
            NodeWriter.Build(scope.Writer, left, kind, level, leftmost, entries);
            NodeWriter.Remove(scope.Writer, parentPage, leftIndex + 1);
            await scope.Allocator.FreeAsync(right, cancellationToken).ConfigureAwait(false);
            await RebalanceAsync(scope, path, depth - 1, cancellationToken).ConfigureAwait(false);
            return;
        }

        var halves = Halves.Split(entries, leaf);
        {
            // The new separator replaces the old one in the parent; when it is longer and the
            // parent has no room for the difference, leave the pair as it is (underfull, not wrong).
            var parent = new Node(parentPage.Bytes);
            var growth = halves.Separator.Length - separator.Length;
            if (growth > 0 && parent.TotalFree < growth) return;
        }
        NodeWriter.Build(scope.Writer, left, kind, level, leftmost, halves.Left);
        NodeWriter.Build(scope.Writer, right, kind, level, halves.RightLeftmost, halves.Right);
        NodeWriter.Remove(scope.Writer, parentPage, leftIndex + 1);
        if (!NodeWriter.TryInsert(scope.Writer, parentPage, leftIndex + 1, NodeEntry.Internal(halves.Separator, right.Id)))
            throw new InvalidOperationException($"page {parentPage.Id}: no room for a separator that was checked to fit");
    }

    private async ValueTask CollapseRootAsync(ChangeScope scope, Buffers.PinnedPage root, CancellationToken cancellationToken)
    {
        PageId onlyChild;
        {
            var node = new Node(root.Bytes);
            if (node.IsLeaf || node.Count > 0) return;
            onlyChild = node.LeftmostChild;
        }
        var child = await scope.LatchAsync(onlyChild, cancellationToken).ConfigureAwait(false);
        List<NodeEntry> entries;
        PageKind kind;
        int level;
        PageId leftmost;
        {
            var node = new Node(child.Bytes);
            entries = node.Entries();
            kind = node.Kind;
            level = node.Level;
            leftmost = node.LeftmostChild;
        }
        NodeWriter.Build(scope.Writer, root, kind, level, leftmost, entries);
        await scope.Allocator.FreeAsync(child, cancellationToken).ConfigureAwait(false);
    }
}
