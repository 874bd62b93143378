using Borealis.Common;
using Borealis.Server.Embedded;
using Borealis.Storage.Segments;
using Borealis.Volume;
using Microsoft.Extensions.Logging.Abstractions;

namespace Borealis.Engine.Tests;

/// <summary>
/// An embedded six-node fleet in a temporary directory, with small log chunks and fast
/// materialization so tests exercise image + redo reads. Each test takes a fresh volume.
/// </summary>
public sealed class FleetFixture : IAsyncLifetime
{
    public const long SegmentBytes = 16L * 1024 * 1024;
    private static int s_basePort = 21100;
    private static long s_nextVolume = 100;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "borealis-engine-" + Guid.NewGuid().ToString("N")[..12]);

    public static readonly SegmentOptions Segments = new()
    {
        GossipInterval = TimeSpan.FromMilliseconds(50),
        MaterializeInterval = TimeSpan.FromMilliseconds(50),
        ScrubInterval = TimeSpan.Zero,
        LogChunkBytes = 1024 * 1024,
    };

    public static readonly VolumeOptions Volumes = new() { CommitTimeout = TimeSpan.FromSeconds(5), RecoveryTimeout = TimeSpan.FromSeconds(10) };

    public EmbeddedFleet Fleet { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        Fleet = await EmbeddedFleet.StartAsync(_directory, Interlocked.Add(ref s_basePort, 10), listenTcp: false, Segments, NullLoggerFactory.Instance);
    }

    public static VolumeId NewVolumeId() => new((ulong)Interlocked.Increment(ref s_nextVolume));

    /// <summary>Opens (creating on first use) a volume of <paramref name="groups"/> protection groups as its writer.</summary>
    public Task<StorageVolume> OpenVolumeAsync(VolumeId id, int groups = 1) => Fleet.OpenVolumeAsync(id, SegmentBytes, groups, Volumes);

    public async Task DisposeAsync()
    {
        await Fleet.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
