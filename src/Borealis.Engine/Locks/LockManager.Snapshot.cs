namespace Borealis.Engine.Locks;

public sealed partial class LockManager
{
    /// <summary>Every lock held or waited for, and every wait-for edge, at this moment.</summary>
    public LockSnapshot Snapshot()
    {
        var locks = new List<LockSnapshot.Lock>();
        var waits = new List<LockSnapshot.Wait>();
        lock (_latch)
        {
            foreach (var queue in _queues.Values)
            {
                var target = CopyOf(queue.Target);
                for (var request = queue.First; request is not null; request = request.Next)
                {
                    locks.Add(new LockSnapshot.Lock(request.Owner.Id, target, request.Mode, request.Granted));
                    if (request.Granted) continue;
                    // The same walk the deadlock search makes, but listing every blocking lock.
                    var ahead = true;
                    for (var other = queue.First; other is not null; other = other.Next)
                    {
                        if (other == request) { ahead = false; continue; }
                        if (other.Owner == request.Owner || !(other.Granted || ahead) || !LockModes.MustWait(request.Mode, other.Mode)) continue;
                        waits.Add(new LockSnapshot.Wait(request.Owner.Id, request.Mode, other.Owner.Id, other.Mode, target));
                    }
                }
            }
        }
        return new LockSnapshot(locks, waits);
    }

    /// <summary>How many targets and transactions the manager keeps entries for (tests check that nothing leaks).</summary>
    internal (int Targets, int Transactions, int Waiting) Census()
    {
        lock (_latch) return (_queues.Count, _owners.Count, _waitingCount);
    }
}
