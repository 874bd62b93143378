namespace Borealis.Engine.Locks;

/// <summary>
/// The pending result of a request that waits. Continuations run asynchronously, so the
/// manager completes waiters while holding its latch without running callers' code there.
/// </summary>
internal sealed class LockWaiter(LockManager manager, LockRequest request, long deadline)
    : TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public LockManager Manager { get; } = manager;

    /// <summary>The request while it waits; cleared once the wait ends, as the request may be reused.</summary>
    public LockRequest? Request { get; set; } = request;

    /// <summary>When the wait times out, in <see cref="TimeProvider.GetTimestamp"/> ticks; long.MaxValue for never.</summary>
    public long Deadline { get; } = deadline;
}
