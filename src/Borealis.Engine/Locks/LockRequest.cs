namespace Borealis.Engine.Locks;

/// <summary>
/// One lock of one transaction on one target, granted or waiting. It sits in two lists: its
/// target's queue (linked: granted requests, then waiters in arrival order) and its
/// transaction's list (for release). Pooled by the manager: never kept outside its latch.
/// </summary>
internal sealed class LockRequest
{
    public TransactionLocks Owner = null!;
    public LockQueue Queue = null!;
    public LockMode Mode;
    public bool Granted;

    /// <summary>Neighbours in <see cref="Queue"/>; the first request of a queue has no previous.</summary>
    public LockRequest? Previous;
    public LockRequest? Next;

    /// <summary>The wait of a request not granted yet.</summary>
    public LockWaiter? Waiter;

    public void Clear()
    {
        Owner = null!;
        Queue = null!;
        Previous = null;
        Next = null;
        Waiter = null;
        Granted = false;
    }
}
