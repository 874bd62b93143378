using System.Runtime.CompilerServices;
using Borealis.Engine.Buffers;

namespace Borealis.Engine.BTrees;

public sealed partial class BTree
{
    /// <summary>
    /// The entries in <paramref name="range"/>, in key order or its reverse. One leaf at a time:
    /// its matching entries are copied under its latch, the latch is dropped, then they are
    /// yielded, so the caller may change the tree while scanning. The next leaf is found by a
    /// new descent from the root to the fence where this leaf's range ends, which needs no
    /// sibling links and is right even when the tree changed meanwhile. Leaves enter the buffer
    /// pool cold (<see cref="PageAccess.Scan"/>).
    /// </summary>
    public async IAsyncEnumerable<KeyValuePair<byte[], byte[]>> ScanAsync(KeyRange range, ScanDirection direction = ScanDirection.Forward, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var forward = direction == ScanDirection.Forward;
        var seek = forward ? range.Low : range.High;
        var batch = new List<KeyValuePair<byte[], byte[]>>();
        while (true)
        {
            var kind = seek is not { } s ? (forward ? SeekKind.AtOrAfter : SeekKind.AtOrBefore)
                : forward ? SeekKind.AtOrAfter
                : s.Inclusive ? SeekKind.AtOrBefore : SeekKind.Before;
            var (leaf, fence) = await DescendSharedAsync(seek?.Key, kind, PageAccess.Scan, cancellationToken).ConfigureAwait(false);
            bool finished;
            try { finished = forward ? CollectForward(leaf, seek, range, batch) : CollectBackward(leaf, seek, range, batch); }
            finally { ReleaseShared(leaf); }
            foreach (var entry in batch) yield return entry;
            batch.Clear();
            if (finished || fence is null) yield break;
            // Forward: the next leaf starts at the fence. Backward: the previous one ends just below it.
            seek = forward ? KeyBound.AtOrAbove(fence) : KeyBound.Below(fence);
        }
    }

    /// <summary>Copies the leaf's entries from the seek on while they are in range; true when the range ended here.</summary>
    private static bool CollectForward(PinnedPage leaf, KeyBound? seek, KeyRange range, List<KeyValuePair<byte[], byte[]>> batch)
    {
        var node = new Node(leaf.Bytes);
        var slot = seek is not { } s ? 0 : s.Inclusive ? node.LowerBound(s.Key.Span) : node.UpperBound(s.Key.Span);
        for (; slot < node.Count; slot++)
        {
            var key = node.Key(slot);
            if (!range.IsBelowHigh(key)) return true;
            if (range.IsAboveLow(key)) batch.Add(new(key.ToArray(), node.Value(slot).ToArray()));
        }
        return false;
    }

    private static bool CollectBackward(PinnedPage leaf, KeyBound? seek, KeyRange range, List<KeyValuePair<byte[], byte[]>> batch)
    {
        var node = new Node(leaf.Bytes);
        var slot = seek is not { } s ? node.Count - 1 : s.Inclusive ? node.UpperBound(s.Key.Span) - 1 : node.LowerBound(s.Key.Span) - 1;
        for (; slot >= 0; slot--)
        {
            var key = node.Key(slot);
            if (!range.IsAboveLow(key)) return true;
            if (range.IsBelowHigh(key)) batch.Add(new(key.ToArray(), node.Value(slot).ToArray()));
        }
        return false;
    }

    /// <summary>The first key of <paramref name="range"/> in <paramref name="direction"/>, or null when it is empty.</summary>
    public async ValueTask<byte[]?> FirstKeyAsync(KeyRange range, ScanDirection direction = ScanDirection.Forward, CancellationToken cancellationToken = default)
    {
        await foreach (var (key, _) in ScanAsync(range, direction, cancellationToken).ConfigureAwait(false)) return key;
        return null;
    }
}
