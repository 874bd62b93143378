using System.Net;
using Borealis.Common;
using Borealis.Volume.Metadata;

namespace Borealis.Volume.Tests.Metadata;

/// <summary>A temp data directory that outlives restarts of the metadata service started on it.</summary>
internal sealed class MetadataTestHost : IDisposable
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "borealis-meta-" + Guid.NewGuid().ToString("N"));

    public int SnapshotEveryCommands { get; init; } = 256;

    /// <summary>Port 0: a single member has no peers that need to know its port.</summary>
    public Task<RaftClusterMetadata> StartAsync() => RaftClusterMetadata.StartAsync(
        new RaftMetadataOptions(DataDirectory, new IPEndPoint(IPAddress.Loopback, 0)) { SnapshotEveryCommands = SnapshotEveryCommands },
        loggers: null, CancellationToken.None);

    public void Dispose()
    {
        if (Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
    }

    public static NodeAddress Node(int i) => new($"10.0.0.{i}", 7000 + i, $"az{i % 3}");

    public static NodeAddress[] Nodes(int first, int count) => Enumerable.Range(first, count).Select(Node).ToArray();

    public static VolumeGeometry Geometry(ulong volume, int groups) => new(
        new VolumeId(volume), SegmentBytes: 10L << 30, groups,
        Enumerable.Range(0, groups).Select(g => new PgMembership(1, Nodes(g * 6, 6), null)).ToArray(),
        new Epoch(1));
}
