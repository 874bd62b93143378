using Borealis.Engine.Transactions;

namespace Borealis.Engine.Locks;

/// <summary>The locks of one transaction, so that commit and rollback release them without a search.</summary>
internal sealed class TransactionLocks
{
    public TransactionId Id;

    /// <summary>Every request of the transaction, granted or waiting, in the order made.</summary>
    public readonly List<LockRequest> Requests = [];

    /// <summary>The one request the transaction waits for; a transaction waits for one lock at a time.</summary>
    public LockRequest? Waiting;

    /// <summary>Deadlock search marks, compared with the search's number so they never need clearing.</summary>
    public long VisitedInSearch;
    public long OnPathInSearch;
    public int PathIndex;

    public void Clear()
    {
        Requests.Clear();
        Waiting = null;
        VisitedInSearch = OnPathInSearch = 0;
    }
}
