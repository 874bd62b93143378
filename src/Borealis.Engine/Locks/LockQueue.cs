using System.Buffers;

namespace Borealis.Engine.Locks;

/// <summary>
/// Every lock on one target (InnoDB's lock queue of a record): the granted ones first, then
/// the waiting ones in arrival order, so a waiter's blockers are all before it and a scan for
/// them stops at the waiter. Its key bytes live in a pooled buffer while the queue is in use.
/// </summary>
internal sealed class LockQueue
{
    public LockTarget Target;
    private byte[]? _keyBuffer;

    public LockRequest? First;
    public LockRequest? Last;

    /// <summary>The end of the granted part; null when nothing is granted.</summary>
    public LockRequest? LastGranted;

    public int WaitingCount;

    /// <summary>The first waiter; null when nobody waits.</summary>
    public LockRequest? FirstWaiting => LastGranted is null ? First : LastGranted.Next;

    /// <summary>
    /// For the deadlock search numbered <see cref="SearchNumber"/>: every request before
    /// <see cref="SearchStart"/> belongs to a transaction the search has finished with, so a
    /// scan may start there (see LockManager.FindCycle).
    /// </summary>
    public long SearchNumber;
    public LockRequest? SearchStart;

    /// <summary>Marks the queue as already collected by the release in progress (see ReleaseAll).</summary>
    public long ReleaseMark;

    public bool IsEmpty => First is null;

    /// <summary>Takes <paramref name="target"/>, copying its key so the caller's buffer may change.</summary>
    public void Open(LockTarget target)
    {
        var key = target.Key.Span;
        if (key.IsEmpty)
        {
            Target = target;
            return;
        }
        _keyBuffer = ArrayPool<byte>.Shared.Rent(key.Length);
        key.CopyTo(_keyBuffer);
        Target = target.WithKey(_keyBuffer.AsMemory(0, key.Length));
    }

    public void Close()
    {
        if (_keyBuffer is not null) ArrayPool<byte>.Shared.Return(_keyBuffer);
        _keyBuffer = null;
        Target = default;
        First = Last = LastGranted = SearchStart = null;
        WaitingCount = 0;
    }

    /// <summary>Adds a granted request at the end of the granted part, a waiting one at the very end.</summary>
    public void Append(LockRequest request)
    {
        request.Queue = this;
        if (request.Granted)
        {
            InsertAfter(LastGranted, request);
            LastGranted = request;
        }
        else
        {
            InsertAfter(Last, request);
            WaitingCount++;
        }
    }

    public void Remove(LockRequest request)
    {
        if (request == LastGranted) LastGranted = request.Previous;
        if (request.Previous is null) First = request.Next;
        else request.Previous.Next = request.Next;
        if (request.Next is null) Last = request.Previous;
        else request.Next.Previous = request.Previous;
        request.Previous = request.Next = null;
        if (!request.Granted) WaitingCount--;
    }

    /// <summary>Turns a waiting request into a granted one, moving it to the end of the granted part.</summary>
    public void MarkGranted(LockRequest request)
    {
        Remove(request);
        request.Granted = true;
        Append(request);
    }

    private void InsertAfter(LockRequest? previous, LockRequest request)
    {
        request.Previous = previous;
        request.Next = previous is null ? First : previous.Next;
        if (previous is null) First = request;
        else previous.Next = request;
        if (request.Next is null) Last = request;
        else request.Next.Previous = request;
    }

    /// <summary>
    /// Whether <paramref name="request"/> (queued or about to be) must wait: some other
    /// transaction's lock that is granted, or waiting ahead of it, conflicts with its mode.
    /// </summary>
    public bool MustWait(LockRequest request) => FirstBlocker(request.Owner, request.Mode, request) is not null;

    /// <summary>
    /// The first lock of another transaction that a request of <paramref name="owner"/> in
    /// <paramref name="mode"/> (null: a transaction with no locks yet) must wait for: any granted lock that conflicts, and any
    /// conflicting waiter queued before <paramref name="queued"/> (all waiters, for a request
    /// not queued yet), which is what keeps grants first come, first served.
    /// </summary>
    public LockRequest? FirstBlocker(TransactionLocks? owner, LockMode mode, LockRequest? queued)
    {
        // Granted requests come first and waiters in arrival order: what is before the request is what it may wait for.
        for (var other = First; other is not null && other != queued; other = other.Next)
            if (other.Owner != owner && LockModes.MustWait(mode, other.Mode)) return other;
        return null;
    }

    /// <summary>A granted lock of <paramref name="owner"/> that already gives <paramref name="mode"/>.</summary>
    public bool IsCoveredFor(TransactionLocks owner, LockMode mode)
    {
        for (var request = First; request is not null && request.Granted; request = request.Next)
            if (request.Owner == owner && LockModes.Covers(request.Mode, mode)) return true;
        return false;
    }
}
