namespace Borealis.Storage.Segments;

/// <summary>Tunables of a segment; the defaults suit production, tests shorten the intervals.</summary>
public sealed record SegmentOptions
{
    /// <summary>Size of a log chunk; each is zero-filled before use, and the next one is kept ready.</summary>
    public long LogChunkBytes { get; init; } = 16L * 1024 * 1024;
    public TimeSpan GossipInterval { get; init; } = TimeSpan.FromMilliseconds(250);
    public TimeSpan PeerTimeout { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan MaterializeInterval { get; init; } = TimeSpan.FromMilliseconds(500);
    /// <summary>Redo retained beyond what this segment's images need, for lagging peers, before it is collected anyway.</summary>
    public long MaxRetainedLogBytes { get; init; } = 1L * 1024 * 1024 * 1024;
    /// <summary>How often the background scrub re-verifies every CRC on disk (zero: only on request).</summary>
    public TimeSpan ScrubInterval { get; init; } = TimeSpan.FromHours(1);
    public int FetchBytes { get; init; } = 4 * 1024 * 1024;
}
