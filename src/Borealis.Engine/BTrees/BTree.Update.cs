namespace Borealis.Engine.BTrees;

public sealed partial class BTree
{
    /// <summary>
    /// Replaces the value of an existing key in one mini-transaction; false, changing nothing,
    /// when the key is not there. Durable when it returns true.
    /// </summary>
    public ValueTask<bool> UpdateAsync(ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        PutAsync(key, value, replace: true, cancellationToken);
}
