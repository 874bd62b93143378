using Borealis.Engine.Transactions;

namespace Borealis.Engine.Locks;

public sealed partial class LockManager
{
    /// <summary>One step of the depth-first search: a waiting transaction and how far its queue has been read.</summary>
    private struct SearchStep
    {
        public TransactionLocks Transaction;
        public LockRequest? Cursor;
    }

    private readonly List<SearchStep> _searchPath = [];
    private long _searchNumber;
    private DeadlockReport? _latestDeadlock;

    /// <summary>
    /// Called when <paramref name="requester"/> starts to wait: while its wait closes a cycle
    /// of the wait-for graph, fails the wait of the cycle's youngest transaction. Every cycle
    /// passes through the newest waiter, because the graph had none before its wait began
    /// (an edge only appears from a new waiter, or towards a transaction that is not waiting).
    /// </summary>
    private void ResolveDeadlocks(TransactionLocks requester)
    {
        while (requester.Waiting is not null && FindCycle(requester) is { } cycle)
        {
            var victim = cycle[0];
            foreach (var member in cycle)
                if (member.Id.IsYoungerThan(victim.Id)) victim = member;
            _latestDeadlock = new DeadlockReport(
                [.. cycle.Select(member => new DeadlockReport.Participant(member.Id, CopyOf(member.Waiting!.Queue.Target), member.Waiting.Mode))],
                victim.Id);
            AbortWait(victim.Waiting!.Waiter!, new LockDeadlockException());
        }
    }

    /// <summary>
    /// A cycle reachable from <paramref name="start"/> (so, by the argument above, through
    /// it), in wait order, or null. Transaction T waits
    /// for U when U has a lock on the target T waits on that T's request must wait for:
    /// granted, or queued ahead of T's.
    /// </summary>
    private List<TransactionLocks>? FindCycle(TransactionLocks start)
    {
        var search = ++_searchNumber;
        var path = _searchPath;
        path.Clear();
        Push(start);
        while (path.Count > 0)
        {
            var top = path.Count - 1;
            var step = path[top];
            var next = NextBlockingOwner(ref step);
            path[top] = step;
            if (next is null)
            {
                step.Transaction.OnPathInSearch = 0;
                path.RemoveAt(top);
                continue;
            }
            if (next.OnPathInSearch == search)
            {
                var cycle = new List<TransactionLocks>(path.Count - next.PathIndex);
                for (var i = next.PathIndex; i < path.Count; i++) cycle.Add(path[i].Transaction);
                foreach (var member in path) member.Transaction.OnPathInSearch = 0;
                path.Clear();
                return cycle;
            }
            // One seen already had no cycle; one that is not waiting ends the path (and is
            // marked finished, so that FirstUnfinished can skip its requests).
            if (next.VisitedInSearch == search) continue;
            if (next.Waiting is null) next.VisitedInSearch = search;
            else Push(next);
        }
        return null;

        void Push(TransactionLocks transaction)
        {
            transaction.VisitedInSearch = search;
            transaction.OnPathInSearch = search;
            transaction.PathIndex = path.Count;
            path.Add(new SearchStep { Transaction = transaction, Cursor = FirstUnfinished(transaction.Waiting!.Queue, search) });
        }
    }

    /// <summary>
    /// Where a scan of <paramref name="queue"/> may start in this search: requests of
    /// transactions the search has finished with (visited, off the path) can neither extend it
    /// nor close a cycle. On a hot row whose waiters all wait for each other this keeps the
    /// search linear in the queue's length instead of quadratic.
    /// </summary>
    private static LockRequest? FirstUnfinished(LockQueue queue, long search)
    {
        if (queue.SearchNumber != search)
        {
            queue.SearchNumber = search;
            queue.SearchStart = queue.First;
        }
        while (queue.SearchStart is { } request && request.Owner.VisitedInSearch == search && request.Owner.OnPathInSearch != search)
            queue.SearchStart = request.Next;
        return queue.SearchStart;
    }

    /// <summary>The next owner, from the step's cursor on, of a lock the step's waiting request must wait for.</summary>
    private static TransactionLocks? NextBlockingOwner(ref SearchStep step)
    {
        var waiting = step.Transaction.Waiting!;
        // Granted requests and earlier waiters are all before the waiting request.
        while (step.Cursor is { } other && other != waiting)
        {
            step.Cursor = other.Next;
            if (other.Owner != waiting.Owner && LockModes.MustWait(waiting.Mode, other.Mode)) return other.Owner;
        }
        step.Cursor = null;
        return null;
    }

    private static LockTarget CopyOf(LockTarget target) => target.WithKey(target.Key.ToArray());
}
