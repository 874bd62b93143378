using Borealis.Common;
using Borealis.Engine.Pages;

namespace Borealis.Engine.BTrees;

public sealed partial class BTree
{
    /// <summary>
    /// Replaces the value of an existing key in one mini-transaction; false, changing nothing,
    /// when the key is not there. Durable when it returns true.
    /// </summary>
    public async ValueTask<bool> UpdateAsync(ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        CheckKey(key);
        CheckEntry(key, value);
        Lsn lsn;
        var scope = await ChangeScope.BeginAsync(_pool, cancellationToken).ConfigureAwait(false);
        await using (scope.ConfigureAwait(false))
        {
            var path = await LatchPathAsync(scope, key, cancellationToken).ConfigureAwait(false);
            var slot = FindInLeaf(path[^1], key.Span, out var found);
            if (!found) return false;
            // Out, then in again at the same place: in place when the page has room, else a split.
            // A value that shrank may leave the leaf underfull: correct, merged by a later delete.
            NodeWriter.Remove(scope.Writer, path[^1].Page, slot);
            await InsertEntryAsync(scope, path, path.Count - 1, slot, NodeEntry.Leaf(key.ToArray(), value.ToArray()), cancellationToken).ConfigureAwait(false);
            lsn = await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        await _pool.WaitDurableAsync(lsn, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
