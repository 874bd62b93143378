namespace Borealis.Storage.Log;

/// <summary>
/// Group commit: appenders get a ticket (bytes written so far) and wait until a single fsync
/// covers it. One dedicated thread fsyncs whatever has been written since the last fsync, so
/// concurrent appenders share the cost of one disk flush.
/// </summary>
internal sealed class GroupCommit : IDisposable
{
    private readonly Func<long> _flush;
    private readonly object _gate = new();
    private readonly Queue<(long Ticket, TaskCompletionSource Done)> _waiters = new();
    private readonly Thread _thread;
    private readonly List<TaskCompletionSource> _done = [];
    private long _requested;
    private long _durable;
    private bool _stopped;
    private Exception? _failure;

    /// <param name="flush">Makes everything written so far durable and returns the ticket it covered.</param>
    public GroupCommit(Func<long> flush, string name)
    {
        _flush = flush;
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    public long Durable => Volatile.Read(ref _durable);

    /// <param name="completeInline">
    /// Run the waiter's continuation on the fsync thread itself. The append acknowledgement
    /// path asks for it: an ack must never wait for a thread-pool thread, or CPU-bound work
    /// elsewhere in the process (a long scan) can hold back every commit behind it.
    /// </param>
    public Task WaitAsync(long ticket, bool completeInline = false)
    {
        lock (_gate)
        {
            if (_failure is not null) return Task.FromException(_failure);
            if (ticket <= _durable) return Task.CompletedTask;
            if (_stopped) return Task.FromException(new ObjectDisposedException(nameof(GroupCommit)));
            // Other continuations do not run on the fsync thread: they may do long work (gossip,
            // scrub) that would hold back the next flush. One that disposes this very log is
            // safe either way: Dispose does not join its own thread.
            var tcs = new TaskCompletionSource(completeInline ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue((ticket, tcs));
            if (ticket > _requested) _requested = ticket;
            Monitor.Pulse(_gate);
            return tcs.Task;
        }
    }

    private void Run()
    {
        while (true)
        {
            lock (_gate)
            {
                while (!_stopped && _requested <= _durable) Monitor.Wait(_gate);
                if (_stopped) return;
            }
            long covered;
            try { covered = _flush(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
            {
                // An fsync error leaves the file's state unknown (the kernel may have dropped the
                // dirty pages): nothing more may be acknowledged from this log.
                lock (_gate)
                {
                    _failure = e;
                    while (_waiters.Count > 0) _done.Add(_waiters.Dequeue().Done);
                    _stopped = true;
                }
                foreach (var done in _done) done.TrySetException(e);
                _done.Clear();
                return;
            }
            lock (_gate)
            {
                if (covered > _durable) _durable = covered;
                while (_waiters.Count > 0 && _waiters.Peek().Ticket <= _durable) _done.Add(_waiters.Dequeue().Done);
            }
            foreach (var done in _done) done.TrySetResult();
            _done.Clear();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            Monitor.PulseAll(_gate);
        }
        if (Thread.CurrentThread != _thread) _thread.Join();
        var abandoned = new List<TaskCompletionSource>();
        lock (_gate)
            while (_waiters.Count > 0) abandoned.Add(_waiters.Dequeue().Done);
        foreach (var done in abandoned) done.TrySetException(new ObjectDisposedException(nameof(GroupCommit)));
    }
}
