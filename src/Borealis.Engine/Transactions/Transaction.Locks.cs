using Borealis.Engine.BTrees;

namespace Borealis.Engine.Transactions;

public sealed partial class Transaction
{
    // Row locks are not built yet (the lock manager is in progress, issue 4): until they are,
    // concurrent transactions writing the same key are not serialized (the last commit wins)
    // and locking reads lock nothing. No user-facing path reaches transactions yet.
    private ValueTask LockRecordAsync(IndexTree index, byte[] key, bool exclusive, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    private ValueTask LockNextKeyAsync(IndexTree index, byte[] key, bool exclusive, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    private ValueTask LockGapAfterRangeAsync(IndexTree index, KeyRange range, ScanDirection direction, bool exclusive, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    private ValueTask LockForInsertAsync(IndexTree index, byte[] key, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    private void ReleaseLocks() { }
}
