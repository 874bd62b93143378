using Borealis.Engine.Transactions;

namespace Borealis.Engine.Locks;

/// <summary>
/// Row, gap and table locks with InnoDB's semantics, in memory. Owners are transactions;
/// targets are table ids, index records by key, and each index's supremum.
/// <list type="bullet">
/// <item>A request compatible with every granted lock and every waiting one is granted at
/// once; otherwise it queues, and queued requests are granted first come, first served
/// (a request never overtakes an earlier waiter it conflicts with).</item>
/// <item>Every new wait searches the wait-for graph; a cycle fails the wait of its youngest
/// transaction with <see cref="LockDeadlockException"/>.</item>
/// <item>A wait fails with <see cref="LockWaitTimeoutException"/> after its timeout, measured
/// by one timer for the whole manager, armed only while someone waits.</item>
/// <item>Locks are held until <see cref="ReleaseAll"/> (commit or rollback).</item>
/// </list>
/// Thread safety: every member may be called from any thread at once. One latch guards all
/// state; what runs under it is a dictionary lookup and a scan of one target's queue, and it
/// is never held across an await — waits are tasks completed asynchronously.
/// Split by concern into partial files.
/// </summary>
public sealed partial class LockManager : IDisposable
{
    // Pools keep the uncontended acquire/release cycle free of allocations; the caps bound
    // what an idle manager keeps after a burst.
    private const int MaxPooledRequests = 4096;
    private const int MaxPooledQueues = 1024;
    private const int MaxPooledOwners = 256;
    private const int MaxPooledOwnerCapacity = 256;

    private readonly Lock _latch = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<LockTarget, LockQueue> _queues = [];
    private readonly Dictionary<TransactionId, TransactionLocks> _owners = [];
    private readonly Stack<LockRequest> _freeRequests = new();
    private readonly Stack<LockQueue> _freeQueues = new();
    private readonly Stack<TransactionLocks> _freeOwners = new();
    private bool _disposed;

    /// <param name="time">The clock for lock wait timeouts; <see cref="TimeProvider.System"/> when null.</param>
    public LockManager(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The last deadlock found, for SHOW ENGINE INNODB STATUS; null until one is.</summary>
    public DeadlockReport? LatestDeadlock
    {
        get { lock (_latch) return _latestDeadlock; }
    }

    public void Dispose()
    {
        lock (_latch)
        {
            if (_disposed) return;
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
            foreach (var owner in _owners.Values)
            {
                if (owner.Waiting?.Waiter is { } waiter)
                {
                    waiter.Request = null;
                    waiter.TrySetException(new ObjectDisposedException(nameof(LockManager)));
                }
            }
        }
    }

    private TransactionLocks GetOrAddOwner(TransactionId id)
    {
        if (_owners.TryGetValue(id, out var owner)) return owner;
        owner = _freeOwners.Count > 0 ? _freeOwners.Pop() : new TransactionLocks();
        owner.Id = id;
        _owners.Add(id, owner);
        return owner;
    }

    private void RemoveOwner(TransactionLocks owner)
    {
        _owners.Remove(owner.Id);
        var keep = owner.Requests.Capacity <= MaxPooledOwnerCapacity;
        owner.Clear();
        if (keep && _freeOwners.Count < MaxPooledOwners) _freeOwners.Push(owner);
    }

    private LockQueue OpenQueue(LockTarget target)
    {
        var queue = _freeQueues.Count > 0 ? _freeQueues.Pop() : new LockQueue();
        queue.Open(target);
        _queues.Add(queue.Target, queue);
        return queue;
    }

    private void CloseQueue(LockQueue queue)
    {
        _queues.Remove(queue.Target);
        queue.Close();
        if (_freeQueues.Count < MaxPooledQueues) _freeQueues.Push(queue);
    }

    private LockRequest RentRequest(TransactionLocks owner, LockMode mode, bool granted)
    {
        var request = _freeRequests.Count > 0 ? _freeRequests.Pop() : new LockRequest();
        request.Owner = owner;
        request.Mode = mode;
        request.Granted = granted;
        return request;
    }

    private void ReturnRequest(LockRequest request)
    {
        request.Clear();
        if (_freeRequests.Count < MaxPooledRequests) _freeRequests.Push(request);
    }

    /// <summary>After a request left <paramref name="queue"/>: drop the queue if empty, else grant who can go now.</summary>
    private void AfterRemoval(LockQueue queue)
    {
        if (queue.IsEmpty) CloseQueue(queue);
        else GrantWaiters(queue);
    }

    /// <summary>Grants, in queue order, every waiter that no longer has to wait.</summary>
    private void GrantWaiters(LockQueue queue)
    {
        if (queue.WaitingCount == 0) return;
        for (var request = queue.FirstWaiting; request is not null;)
        {
            var next = request.Next;
            if (!queue.MustWait(request))
            {
                queue.MarkGranted(request);
                request.Owner.Waiting = null;
                var waiter = request.Waiter!;
                request.Waiter = null;
                waiter.Request = null;
                _waitingCount--;
                waiter.TrySetResult(true);
            }
            request = next;
        }
    }
}
