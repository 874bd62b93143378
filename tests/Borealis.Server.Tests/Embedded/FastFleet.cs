using Borealis.Storage.Segments;

namespace Borealis.Server.Tests.Embedded;

/// <summary>Segment settings for tests: quick gossip and materialization, small log chunks, no background scrub.</summary>
internal static class FastFleet
{
    public static SegmentOptions Segments(long logChunkBytes = 1024 * 1024) => new()
    {
        GossipInterval = TimeSpan.FromMilliseconds(50),
        MaterializeInterval = TimeSpan.FromMilliseconds(50),
        ScrubInterval = TimeSpan.Zero,
        LogChunkBytes = logChunkBytes,
    };
}
