namespace Borealis.Streams.Storage;

public sealed partial class ShardLog
{
    /// <summary>Completed (and dropped) when the durable tail next moves; made only when someone waits, so puts with no subscriber allocate nothing for it.</summary>
    private TaskCompletionSource? _appended; // under _tailGate

    /// <summary>
    /// Completes once the durable tail is past <paramref name="position"/>, or the shard is closed
    /// or disposed (the caller looks again): SubscribeToShard waits here, woken by the append that
    /// made records durable, instead of polling the fleet.
    /// </summary>
    public Task WaitForAppendAsync(ulong position)
    {
        lock (_tailGate)
        {
            if (_durable.Position > position) return Task.CompletedTask;
            _appended ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _appended.Task;
        }
    }

    private void WakeWaiters()
    {
        TaskCompletionSource? appended;
        lock (_tailGate) (appended, _appended) = (_appended, null);
        appended?.TrySetResult();
    }

    /// <summary>The end resharding gave this shard, or null while it is open.</summary>
    public ulong? ClosedAt => _closedAt;
}
