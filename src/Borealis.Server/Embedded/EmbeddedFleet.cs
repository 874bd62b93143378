using System.Globalization;
using System.Net;
using Borealis.Common;
using Borealis.Redo.Wire;
using Borealis.Storage;
using Borealis.Storage.Segments;
using Borealis.Volume;
using Borealis.Volume.Metadata;
using Microsoft.Extensions.Logging;

namespace Borealis.Server.Embedded;

/// <summary>
/// The embedded default: six storage nodes in this process, two in each of three zones, each
/// with its own directory under <c>DATA/storage/node-N</c>, talking the fleet protocol over
/// the in-process transport, plus a single-member Raft metadata service under
/// <c>DATA/metadata</c>. With <c>listenTcp</c> each node also serves TCP on its port, so
/// tools outside the process reach the same fleet.
/// </summary>
public sealed class EmbeddedFleet : IAsyncDisposable
{
    public static readonly string[] Zones = ["a", "a", "b", "b", "c", "c"];

    private readonly string _dataDirectory;
    private readonly SegmentOptions _segmentOptions;
    private readonly ILoggerFactory _loggers;
    private readonly bool _listenTcp;
    private readonly StorageNode?[] _nodes;
    private readonly TcpStorageServer?[] _servers;

    private EmbeddedFleet(string dataDirectory, IReadOnlyList<NodeAddress> addresses, SegmentOptions segmentOptions, ILoggerFactory loggers, bool listenTcp, IClusterMetadata metadata)
    {
        _dataDirectory = dataDirectory;
        Addresses = addresses;
        _segmentOptions = segmentOptions;
        _loggers = loggers;
        _listenTcp = listenTcp;
        Metadata = metadata;
        _nodes = new StorageNode?[addresses.Count];
        _servers = new TcpStorageServer?[addresses.Count];
    }

    public InProcessTransport Transport { get; } = new();
    public IReadOnlyList<NodeAddress> Addresses { get; }
    public IClusterMetadata Metadata { get; }

    public StorageNode? Node(int index) => _nodes[index];

    public static async Task<EmbeddedFleet> StartAsync(string dataDirectory, int basePort, bool listenTcp, SegmentOptions segmentOptions, ILoggerFactory loggers, CancellationToken cancellationToken = default)
    {
        var addresses = Zones.Select((zone, i) => new NodeAddress("127.0.0.1", basePort + i, zone)).ToList();
        var metadata = await RaftClusterMetadata.StartAsync(
            new RaftMetadataOptions(Path.Combine(dataDirectory, "metadata"), new IPEndPoint(IPAddress.Loopback, 0)), loggers, cancellationToken).ConfigureAwait(false);
        var fleet = new EmbeddedFleet(dataDirectory, addresses, segmentOptions, loggers, listenTcp, metadata);
        try
        {
            for (var i = 0; i < addresses.Count; i++) fleet.StartNode(i);
            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts (or restarts) node <paramref name="index"/> from its directory.</summary>
    public void StartNode(int index)
    {
        if (_nodes[index] is not null) return;
        var address = Addresses[index];
        var node = new StorageNode(NodeDirectory(index), address, Transport, _segmentOptions, _loggers);
        node.Start();
        Transport.Register(address, node);
        _nodes[index] = node;
        if (_listenTcp) _servers[index] = new TcpStorageServer(new IPEndPoint(IPAddress.Loopback, address.Port), node, _loggers);
    }

    /// <summary>Stops node <paramref name="index"/> (its segments stay on disk).</summary>
    public async Task StopNodeAsync(int index)
    {
        Transport.Unregister(Addresses[index]);
        if (_servers[index] is { } server) await server.DisposeAsync().ConfigureAwait(false);
        _servers[index] = null;
        if (_nodes[index] is { } node) await node.DisposeAsync().ConfigureAwait(false);
        _nodes[index] = null;
    }

    public string NodeDirectory(int index) => Path.Combine(_dataDirectory, "storage", "node-" + index.ToString(CultureInfo.InvariantCulture));

    /// <summary>Opens the volume as its writer, creating it first (one group per <paramref name="segmentBytes"/>) on a fresh fleet.</summary>
    public async Task<Volume.Volume> OpenVolumeAsync(VolumeId id, long segmentBytes, int groups, VolumeOptions options, CancellationToken cancellationToken = default)
    {
        var log = _loggers.CreateLogger("volume " + id);
        if (await Metadata.GetVolumeAsync(id, cancellationToken).ConfigureAwait(false) is not null)
            return await Volume.Volume.OpenAsync(id, Metadata, Transport, options, log, cancellationToken).ConfigureAwait(false);
        var membership = new PgMembership(0, Addresses, null);
        var geometry = new VolumeGeometry(id, segmentBytes, groups, [.. Enumerable.Repeat(membership, groups)], Epoch.Zero);
        return await Volume.Volume.CreateAsync(geometry, Metadata, Transport, options, log, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < _nodes.Length; i++) await StopNodeAsync(i).ConfigureAwait(false);
        await Metadata.DisposeAsync().ConfigureAwait(false);
    }
}
