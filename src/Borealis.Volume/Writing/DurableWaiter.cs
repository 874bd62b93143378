using Borealis.Common;

namespace Borealis.Volume.Writing;

/// <summary>A commit waiting for VDL to reach its LSN, with the time it gives up.</summary>
internal sealed class DurableWaiter(Lsn lsn, long deadline) : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public Lsn Lsn { get; } = lsn;
    /// <summary>In <see cref="Environment.TickCount64"/> milliseconds.</summary>
    public long Deadline { get; } = deadline;
}
