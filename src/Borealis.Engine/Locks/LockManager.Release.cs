using Borealis.Engine.Transactions;

namespace Borealis.Engine.Locks;

public sealed partial class LockManager
{
    private readonly List<LockQueue> _releasedQueues = [];
    private long _releaseNumber;

    /// <summary>
    /// Releases every lock of <paramref name="transaction"/> (at commit or rollback) and grants
    /// the waiters that can go now. A transaction without locks is fine, and so is a disposed manager. Should the transaction
    /// still be waiting, that wait fails with <see cref="InvalidOperationException"/>.
    /// </summary>
    public void ReleaseAll(TransactionId transaction)
    {
        lock (_latch)
        {
            // After Dispose every wait has failed already; there is nobody left to wake.
            if (_disposed || !_owners.TryGetValue(transaction, out var owner)) return;
            var mark = ++_releaseNumber;
            foreach (var request in owner.Requests)
            {
                if (request.Waiter is { } waiter)
                {
                    waiter.Request = null;
                    _waitingCount--;
                    waiter.TrySetException(new InvalidOperationException($"the locks of transaction {transaction} were released while it waited"));
                }
                var queue = request.Queue;
                queue.Remove(request);
                if (queue.ReleaseMark != mark)
                {
                    queue.ReleaseMark = mark;
                    _releasedQueues.Add(queue);
                }
                ReturnRequest(request);
            }
            RemoveOwner(owner);
            // Grants only after every lock is gone, so a waiter blocked by two of them is woken once.
            foreach (var queue in _releasedQueues) AfterRemoval(queue);
            _releasedQueues.Clear();
        }
    }

    /// <summary>Ends a wait without a grant: the request leaves its queue and the waiter fails with <paramref name="error"/>.</summary>
    private void AbortWait(LockWaiter waiter, Exception error)
    {
        if (waiter.Request is not { } request) return;
        waiter.Request = null;
        var owner = request.Owner;
        owner.Waiting = null;
        owner.Requests.RemoveAt(owner.Requests.LastIndexOf(request));
        var queue = request.Queue;
        queue.Remove(request);
        ReturnRequest(request);
        _waitingCount--;
        waiter.TrySetException(error);
        // The request may have been what kept later waiters behind (first come, first served).
        AfterRemoval(queue);
        if (owner.Requests.Count == 0) RemoveOwner(owner);
    }
}
