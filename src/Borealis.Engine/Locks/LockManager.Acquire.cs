using Borealis.Engine.Transactions;

namespace Borealis.Engine.Locks;

public sealed partial class LockManager
{
    /// <summary>
    /// Gets <paramref name="mode"/> on <paramref name="target"/> for <paramref name="transaction"/>,
    /// waiting as <paramref name="wait"/> says when another transaction's lock conflicts.
    /// </summary>
    /// <returns>
    /// True once the lock is held; false only under <see cref="LockWait.SkipLocked"/>, when it
    /// would have had to wait (nothing is queued then). A lock the transaction already holds,
    /// or holds a stronger form of, is answered at once. An insert intention granted at once
    /// leaves no lock behind (InnoDB's behaviour; it would block nothing).
    /// </returns>
    /// <exception cref="LockDeadlockException">the wait closed a cycle and this transaction is
    /// its youngest; its other locks are kept until <see cref="ReleaseAll"/>.</exception>
    /// <exception cref="LockWaitTimeoutException">not granted within the wait's timeout.</exception>
    /// <exception cref="LockNowaitException">under <see cref="LockWait.NoWait"/>, a conflicting lock exists.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> ended the wait;
    /// the request is withdrawn as if never made.</exception>
    /// <exception cref="InvalidOperationException">the transaction is already waiting for a lock.</exception>
    public ValueTask<bool> AcquireAsync(TransactionId transaction, LockTarget target, LockMode mode, LockWait wait, CancellationToken cancellationToken = default)
    {
        mode = ModeOn(target, mode);
        if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled<bool>(cancellationToken);
        LockWaiter waiter;
        lock (_latch)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _owners.TryGetValue(transaction, out var owner);
            if (owner?.Waiting is not null)
                throw new InvalidOperationException($"transaction {transaction} is already waiting for a lock on {owner.Waiting.Queue.Target}");

            if (!_queues.TryGetValue(target, out var queue))
            {
                if (mode != LockMode.InsertIntention) Grant(GetOrAddOwner(transaction), OpenQueue(target), mode);
                return new ValueTask<bool>(true);
            }
            if (owner is not null && queue.IsCoveredFor(owner, mode)) return new ValueTask<bool>(true);
            if (queue.FirstBlocker(owner, mode, queued: null) is null)
            {
                if (mode != LockMode.InsertIntention) Grant(owner ?? GetOrAddOwner(transaction), queue, mode);
                return new ValueTask<bool>(true);
            }

            switch (wait.Policy)
            {
                case LockWaitPolicy.SkipLocked: return new ValueTask<bool>(false);
                case LockWaitPolicy.NoWait: return ValueTask.FromException<bool>(new LockNowaitException());
            }
            waiter = Enqueue(owner ?? GetOrAddOwner(transaction), queue, mode, wait.Timeout);
            // A deadlock may fail this very wait (then the task is already faulted) or another's.
            ResolveDeadlocks(waiter.Request!.Owner);
        }
        return cancellationToken.CanBeCanceled && !waiter.Task.IsCompleted
            ? AwaitCancellableAsync(waiter, cancellationToken)
            : new ValueTask<bool>(waiter.Task);
    }

    /// <summary>The mode as stored on <paramref name="target"/>, refusing a mode that makes no sense there.</summary>
    private static LockMode ModeOn(LockTarget target, LockMode mode)
    {
        if (!mode.IsTableMode() && !mode.IsRecordMode()) throw new ArgumentOutOfRangeException(nameof(mode), mode, "not a lock mode");
        return target.Kind switch
        {
            LockTargetKind.Table when mode.IsTableMode() => mode,
            LockTargetKind.Record when mode.IsRecordMode() => mode,
            LockTargetKind.Supremum => LockModes.OnSupremum(mode),
            0 => throw new ArgumentException("the lock target is not set", nameof(target)),
            _ => throw new ArgumentException($"{mode} cannot be taken on a {target.Kind} target", nameof(mode)),
        };
    }

    private void Grant(TransactionLocks owner, LockQueue queue, LockMode mode)
    {
        var request = RentRequest(owner, mode, granted: true);
        queue.Append(request);
        owner.Requests.Add(request);
    }

    private LockWaiter Enqueue(TransactionLocks owner, LockQueue queue, LockMode mode, TimeSpan timeout)
    {
        var request = RentRequest(owner, mode, granted: false);
        var waiter = new LockWaiter(this, request, DeadlineAfter(timeout));
        request.Waiter = waiter;
        queue.Append(request);
        owner.Requests.Add(request);
        owner.Waiting = request;
        _waitingCount++;
        WatchDeadline(waiter);
        return waiter;
    }

    private static async ValueTask<bool> AwaitCancellableAsync(LockWaiter waiter, CancellationToken cancellationToken)
    {
        // Registered outside the latch: a token cancelled already runs the callback right here,
        // and the callback takes the latch. Disposed after the wait ends, also outside it.
        using (cancellationToken.UnsafeRegister(static (state, token) => ((LockWaiter)state!).Manager.CancelWait((LockWaiter)state!, token), waiter))
            return await waiter.Task.ConfigureAwait(false);
    }
}
