namespace Borealis.Engine.Locks;

public sealed partial class LockManager
{
    // One timer for every wait, armed for the earliest deadline: an uncontended request costs
    // no timer at all, and a thousand waiters cost one. Waits that end otherwise stay in the
    // heap until their deadline or a rebuild (lazy deletion), recognised by a cleared Request.
    private readonly PriorityQueue<LockWaiter, long> _deadlines = new();
    private ITimer? _timer;
    private long _timerDeadline = long.MaxValue;
    private int _waitingCount;

    private long DeadlineAfter(TimeSpan timeout)
    {
        if (timeout == Timeout.InfiniteTimeSpan) return long.MaxValue;
        var ticks = timeout.TotalSeconds * _time.TimestampFrequency;
        return ticks >= long.MaxValue / 2 ? long.MaxValue : _time.GetTimestamp() + (long)ticks;
    }

    private void WatchDeadline(LockWaiter waiter)
    {
        if (waiter.Deadline == long.MaxValue) return;
        // Drop ended waits once they outnumber live ones, so the heap stays proportional to waiters.
        if (_deadlines.Count > 64 && _deadlines.Count > 2 * _waitingCount)
        {
            var live = _deadlines.UnorderedItems.Where(item => item.Element.Request is not null).ToList();
            _deadlines.Clear();
            _deadlines.EnqueueRange(live);
        }
        _deadlines.Enqueue(waiter, waiter.Deadline);
        if (waiter.Deadline < _timerDeadline) ArmTimer(waiter.Deadline);
    }

    private void ArmTimer(long deadline)
    {
        _timerDeadline = deadline;
        _timer ??= _time.CreateTimer(static state => ((LockManager)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var due = _time.GetElapsedTime(_time.GetTimestamp(), deadline);
        _timer.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
    }

    private void OnTimer()
    {
        lock (_latch)
        {
            if (_disposed) return;
            _timerDeadline = long.MaxValue;
            var now = _time.GetTimestamp();
            while (_deadlines.TryPeek(out var waiter, out var deadline))
            {
                if (waiter.Request is null)
                {
                    _deadlines.Dequeue();
                    continue;
                }
                if (deadline > now)
                {
                    ArmTimer(deadline);
                    return;
                }
                _deadlines.Dequeue();
                AbortWait(waiter, new LockWaitTimeoutException());
            }
        }
    }

    private void CancelWait(LockWaiter waiter, CancellationToken cancellationToken)
    {
        lock (_latch) AbortWait(waiter, new OperationCanceledException(cancellationToken));
    }
}
