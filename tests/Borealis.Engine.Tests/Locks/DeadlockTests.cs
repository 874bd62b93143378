using Borealis.Engine.Locks;
using static Borealis.Engine.Tests.Locks.Locking;

namespace Borealis.Engine.Tests.Locks;

public class DeadlockTests
{
    [Fact]
    public async Task Two_transactions_the_younger_requester_is_the_victim_with_error_1213()
    {
        using var locks = new LockManager();
        locks.Hold(1, Rec(1), LockMode.ExclusiveRecord);
        locks.Hold(2, Rec(2), LockMode.ExclusiveRecord);
        var older = locks.Wait(1, Rec(2), LockMode.ExclusiveRecord);

        var error = await Assert.ThrowsAsync<LockDeadlockException>(async () => await locks.AcquireAsync(T(2), Rec(1), LockMode.ExclusiveRecord, Patient));
        Assert.Equal(1213, error.ErrorNumber);
        Assert.Equal("40001", error.SqlState);
        Assert.Equal("Deadlock found when trying to get lock; try restarting transaction", error.Message);
        Assert.False(older.IsCompleted);

        locks.ReleaseAll(T(2)); // the victim's rollback
        Assert.True(await older.Within());
        Assert.Equal(T(2), locks.LatestDeadlock!.Victim);
    }

    [Fact]
    public async Task Two_transactions_the_younger_waiter_is_the_victim_and_the_requester_keeps_waiting()
    {
        using var locks = new LockManager();
        locks.Hold(1, Rec(1), LockMode.ExclusiveRecord);
        locks.Hold(2, Rec(2), LockMode.ExclusiveRecord);
        var younger = locks.Wait(2, Rec(1), LockMode.ExclusiveRecord);
        var older = locks.Wait(1, Rec(2), LockMode.ExclusiveRecord);

        await Assert.ThrowsAsync<LockDeadlockException>(() => younger.Within());
        Assert.False(older.IsCompleted); // T2 still holds record 2 until it rolls back
        locks.ReleaseAll(T(2));
        Assert.True(await older.Within());
    }

    [Fact]
    public async Task Three_transactions_the_youngest_is_the_victim_and_the_others_proceed()
    {
        using var locks = new LockManager();
        locks.Hold(1, Rec(1), LockMode.ExclusiveRecord);
        locks.Hold(2, Rec(2), LockMode.ExclusiveRecord);
        locks.Hold(3, Rec(3), LockMode.ExclusiveRecord);
        var third = locks.Wait(3, Rec(1), LockMode.ExclusiveRecord);
        var second = locks.Wait(2, Rec(3), LockMode.ExclusiveRecord);
        // T1 closes the cycle 1 -> 2 -> 3 -> 1; the youngest, T3, is a waiter, not the requester.
        var first = locks.Wait(1, Rec(2), LockMode.ExclusiveRecord);

        await Assert.ThrowsAsync<LockDeadlockException>(() => third.Within());
        var report = locks.LatestDeadlock!;
        Assert.Equal(T(3), report.Victim);
        Assert.Equal([T(1), T(2), T(3)], report.Cycle.Select(p => p.Transaction));
        Assert.Equal([Rec(2), Rec(3), Rec(1)], report.Cycle.Select(p => p.WaitingFor));

        locks.ReleaseAll(T(3));
        Assert.True(await second.Within());
        Assert.False(first.IsCompleted);
        locks.ReleaseAll(T(2));
        Assert.True(await first.Within());
    }

    [Fact]
    public async Task A_cycle_through_an_earlier_waiter_is_a_deadlock()
    {
        using var locks = new LockManager();
        locks.Hold(2, Rec(2), LockMode.ExclusiveRecord);
        locks.Hold(3, Rec(1), LockMode.SharedRecord);
        var first = locks.Wait(1, Rec(1), LockMode.ExclusiveRecord);   // waits for T3, the holder
        var second = locks.Wait(2, Rec(1), LockMode.SharedRecord);     // compatible with T3, but queued behind T1
        // T3 waits for T2, T2 for T1 (the earlier waiter), T1 for T3.
        await Assert.ThrowsAsync<LockDeadlockException>(async () => await locks.AcquireAsync(T(3), Rec(2), LockMode.ExclusiveRecord, Patient));

        locks.ReleaseAll(T(3));
        Assert.True(await first.Within());
        Assert.False(second.IsCompleted);
        locks.ReleaseAll(T(1));
        Assert.True(await second.Within());
    }

    [Fact]
    public async Task Two_S_holders_upgrading_to_X_deadlock()
    {
        // MySQL manual, "An InnoDB Deadlock Example": A holds S, B waits for X, A asks for X.
        using var locks = new LockManager();
        locks.Hold(1, Rec(1), LockMode.SharedNextKey);
        var b = locks.Wait(2, Rec(1), LockMode.ExclusiveNextKey);
        var a = locks.AcquireAsync(T(1), Rec(1), LockMode.ExclusiveNextKey, Patient).AsTask();
        await Assert.ThrowsAsync<LockDeadlockException>(() => b.Within());
        Assert.True(await a.Within());
    }

    [Fact]
    public async Task A_wait_without_a_cycle_is_not_a_deadlock()
    {
        using var locks = new LockManager();
        locks.Hold(1, Rec(1), LockMode.ExclusiveRecord);
        var chain = new List<Task<bool>>();
        for (ulong t = 2; t <= 6; t++)
        {
            locks.Hold(t, Rec((int)t), LockMode.ExclusiveRecord);
            chain.Add(locks.Wait(t, Rec((int)t - 1), LockMode.ExclusiveRecord));
        }
        Assert.Null(locks.LatestDeadlock);
        for (ulong t = 1; t <= 6; t++)
        {
            locks.ReleaseAll(T(t));
            if (t < 6) Assert.True(await chain[(int)t - 1].Within());
        }
    }
}
