namespace Borealis.Engine.Buffers;

/// <summary>
/// A reader/writer latch on one buffer frame. Asynchronous and without thread affinity,
/// because a B+tree operation keeps its latches across awaits (a child page read from the
/// fleet, the append of its MTR). First come, first served: once someone waits, new readers
/// queue behind it, so a writer is never starved by a stream of readers.
/// </summary>
public sealed class PageLatch
{
    private readonly object _gate = new();
    private readonly Queue<(bool Exclusive, TaskCompletionSource Grant)> _waiting = new();
    private int _readers;
    private bool _writer;

    public ValueTask AcquireSharedAsync() => Acquire(exclusive: false);
    public ValueTask AcquireExclusiveAsync() => Acquire(exclusive: true);

    public bool IsHeldExclusively
    {
        get { lock (_gate) return _writer; }
    }

    private ValueTask Acquire(bool exclusive)
    {
        lock (_gate)
        {
            if (_waiting.Count == 0 && !_writer && (!exclusive || _readers == 0))
            {
                if (exclusive) _writer = true;
                else _readers++;
                return ValueTask.CompletedTask;
            }
            var grant = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue((exclusive, grant));
            return new ValueTask(grant.Task);
        }
    }

    public void ReleaseShared()
    {
        lock (_gate)
        {
            if (_readers == 0) throw new InvalidOperationException("shared latch released but not held");
            _readers--;
            GrantWaiting();
        }
    }

    public void ReleaseExclusive()
    {
        lock (_gate)
        {
            if (!_writer) throw new InvalidOperationException("exclusive latch released but not held");
            _writer = false;
            GrantWaiting();
        }
    }

    private void GrantWaiting()
    {
        while (_waiting.Count > 0 && !_writer)
        {
            var (exclusive, grant) = _waiting.Peek();
            if (exclusive)
            {
                if (_readers > 0) return;
                _waiting.Dequeue();
                _writer = true;
                grant.SetResult();
                return;
            }
            _waiting.Dequeue();
            _readers++;
            grant.SetResult();
        }
    }
}
