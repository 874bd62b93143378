namespace Borealis.Volume;

/// <summary>Tunables of a volume client.</summary>
public sealed record VolumeOptions
{
    /// <summary>Rounds of batches in flight at once (pipelining); more rounds keep the fleet busy while one fsyncs.</summary>
    public int PipelineDepth { get; init; } = 4;
    /// <summary>Bytes of redo allowed beyond VDL before new appends wait (back-pressure).</summary>
    public long AllocationLimitBytes { get; init; } = 64L * 1024 * 1024;
    /// <summary>Records (LSNs) allowed beyond VDL before new appends wait.</summary>
    public long AllocationLimitRecords { get; init; } = 1_000_000;
    /// <summary>How long a commit waits for durability before it fails with a diagnosis.</summary>
    public TimeSpan CommitTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>How long a page read waits on one segment before trying another.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan RecoveryTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>How often segments that lag the writer are asked for their SCL.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromMilliseconds(100);
    /// <summary>Largest batch sent to one group in one round.</summary>
    public int MaxBatchBytes { get; init; } = 4 * 1024 * 1024;
}
