using System.Buffers;

namespace Borealis.Engine.Locks;

/// <summary>
/// Every lock on one target, granted and waiting, in arrival order (InnoDB's lock queue of a
/// record). Its key bytes live in a pooled buffer for as long as the queue is not empty.
/// </summary>
internal sealed class LockQueue
{
    public LockTarget Target;
    private byte[]? _keyBuffer;

    public LockRequest? First;
    public LockRequest? Last;
    public int WaitingCount;

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
        First = Last = null;
        WaitingCount = 0;
    }

    public void Append(LockRequest request)
    {
        request.Queue = this;
        request.Previous = Last;
        request.Next = null;
        if (Last is null) First = request;
        else Last.Next = request;
        Last = request;
        if (!request.Granted) WaitingCount++;
    }

    public void Remove(LockRequest request)
    {
        if (request.Previous is null) First = request.Next;
        else request.Previous.Next = request.Next;
        if (request.Next is null) Last = request.Previous;
        else request.Next.Previous = request.Previous;
        request.Previous = request.Next = null;
        if (!request.Granted) WaitingCount--;
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
        var ahead = true;
        for (var other = First; other is not null; other = other.Next)
        {
            if (other == queued)
            {
                ahead = false;
                continue;
            }
            if (other.Owner == owner) continue;
            if ((other.Granted || ahead) && LockModes.MustWait(mode, other.Mode)) return other;
        }
        return null;
    }

    /// <summary>A granted lock of <paramref name="owner"/> that already gives <paramref name="mode"/>.</summary>
    public bool IsCoveredFor(TransactionLocks owner, LockMode mode)
    {
        for (var request = First; request is not null; request = request.Next)
            if (request.Owner == owner && request.Granted && LockModes.Covers(request.Mode, mode)) return true;
        return false;
    }
}
