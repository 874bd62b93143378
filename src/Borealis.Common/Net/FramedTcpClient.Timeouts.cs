namespace Borealis.Common.Net;

public sealed partial class FramedTcpClient
{
    // One timer per client instead of one per request: requests only carry a deadline, and
    // the timer runs only while some are pending.
    private readonly Timer _sweeper;
    private bool _sweeping;

    private void StartSweeperLocked()
    {
        if (_sweeping || _disposed) return;
        _sweeping = true;
        var period = _options.TimeoutResolution;
        _sweeper.Change(period, period);
    }

    private void SweepExpired()
    {
        var now = Environment.TickCount64;
        List<PendingRequest>? expired = null;
        lock (_gate)
        {
            var pending = _connection?.Pending;
            if (pending is null || pending.Count == 0)
            {
                _sweeping = false;
                if (!_disposed) _sweeper.Change(Timeout.Infinite, Timeout.Infinite);
                return;
            }
            foreach (var request in pending.Values)
                if (request.DeadlineMs <= now) (expired ??= []).Add(request);
            if (expired is null) return;
            foreach (var request in expired) pending.Remove(request.CorrelationId);
        }
        // Completed outside the lock; the list is allocated only when something timed out.
        foreach (var request in expired)
            request.TryComplete(FrameResult.Failed(FrameFailure.TimedOut, "no reply within the timeout"));
    }
}
