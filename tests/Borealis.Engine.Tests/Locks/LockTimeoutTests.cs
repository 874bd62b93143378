using Borealis.Engine.Locks;
using static Borealis.Engine.Tests.Locks.Locking;

namespace Borealis.Engine.Tests.Locks;

/// <summary>Timeouts on a manual clock: exact, and without waiting for real time.</summary>
public class LockTimeoutTests
{
    [Fact]
    public async Task The_default_wait_times_out_after_50_seconds_and_not_before()
    {
        var clock = new ManualClock();
        using var locks = new LockManager(clock);
        locks.Hold(1, Rec(1), LockMode.ExclusiveRecord);
        var waiting = locks.Wait(2, Rec(1), LockMode.SharedRecord, LockWait.BlockWithDefaultTimeout);

        clock.Advance(TimeSpan.FromSeconds(49.9));
        Assert.False(waiting.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(0.1));
        await Assert.ThrowsAsync<LockWaitTimeoutException>(() => waiting.Within());
        // The holder keeps its lock; the waiter left nothing behind.
        Assert.Equal((1, 1, 0), locks.Census());
    }

    [Fact]
    public async Task Each_wait_times_out_at_its_own_deadline_and_granted_or_endless_waits_never_do()
    {
        var clock = new ManualClock();
        using var locks = new LockManager(clock);
        locks.Hold(1, Rec(1), LockMode.ExclusiveRecord);
        locks.Hold(1, Rec(2), LockMode.ExclusiveRecord);
        var late = locks.Wait(2, Rec(1), LockMode.SharedRecord, LockWait.Block(TimeSpan.FromSeconds(30)));
        var early = locks.Wait(3, Rec(1), LockMode.SharedRecord, LockWait.Block(TimeSpan.FromSeconds(10)));
        var endless = locks.Wait(4, Rec(2), LockMode.SharedRecord, LockWait.Block(Timeout.InfiniteTimeSpan));

        clock.Advance(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<LockWaitTimeoutException>(() => early.Within());
        Assert.False(late.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(20));
        await Assert.ThrowsAsync<LockWaitTimeoutException>(() => late.Within());
        clock.Advance(TimeSpan.FromHours(1));
        Assert.False(endless.IsCompleted);

        var granted = locks.Wait(5, Rec(2), LockMode.SharedRecord, LockWait.Block(TimeSpan.FromSeconds(5)));
        locks.ReleaseAll(T(1));
        Assert.True(await endless.Within());
        Assert.True(await granted.Within());
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal((1, 2, 0), locks.Census());
    }
}
