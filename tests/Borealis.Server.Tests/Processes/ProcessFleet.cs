using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using Borealis.Common;
using Borealis.Redo;
using Borealis.Redo.Wire;
using Borealis.Volume;
using Borealis.Volume.Metadata;
using Borealis.Volume.Writing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Borealis.Server.Tests.Processes;

/// <summary>
/// Six <see cref="StorageNodeProcess"/>es in zones a,a,b,b,c,c on free loopback ports, a
/// single-member Raft metadata service and a TCP transport, all under one temp dir. The
/// writer (a <see cref="Volume.Volume"/>) runs in the test process. Disposing kills every
/// process started through it, even when the test failed, and prints their output.
/// </summary>
public sealed class ProcessFleet : IAsyncDisposable
{
    public static readonly string[] Zones = ["a", "a", "b", "b", "c", "c"];
    public static readonly VolumeId VolumeId = new(0xB0);
    public const long SegmentBytes = 4L * 1024 * 1024;
    public static readonly SegmentId Segment0 = new(VolumeId, new ProtectionGroupId(0));

    /// <summary>
    /// A short commit timeout so that stall tests fail fast. The send timeout stays at its
    /// default: a cold node process takes a second or two to create its first segment.
    /// </summary>
    public static readonly VolumeOptions FastVolume = new()
    {
        CommitTimeout = TimeSpan.FromSeconds(3),
        RecoveryTimeout = TimeSpan.FromSeconds(15),
        RefreshInterval = TimeSpan.FromMilliseconds(50),
    };

    private readonly TempDirectory _dir = new("borealis-proc");
    private readonly ITestOutputHelper? _output;
    private readonly List<StorageNodeProcess> _all = [];
    private readonly List<IStorageChannel> _channels = [];
    private int _nextDir;

    private ProcessFleet(ITestOutputHelper? output)
    {
        _output = output;
        Loggers = output is null ? NullLoggerFactory.Instance : LoggerFactory.Create(b => b
            .AddProvider(new TestOutputLoggerProvider(output))
            .AddFilter("Borealis.Redo.Wire.TcpStorageTransport", LogLevel.Error)); // one line per reconnect attempt to a dead node
        Transport = new TcpStorageTransport(Loggers);
    }

    public List<StorageNodeProcess> Nodes { get; } = [];
    public IClusterMetadata Metadata { get; private set; } = null!;
    public TcpStorageTransport Transport { get; }
    public ILoggerFactory Loggers { get; }
    public string Root => _dir.Path;

    public static async Task<ProcessFleet> StartAsync(ITestOutputHelper? output)
    {
        var fleet = new ProcessFleet(output);
        try
        {
            fleet.Metadata = await RaftClusterMetadata.StartAsync(
                new RaftMetadataOptions(Path.Combine(fleet.Root, "metadata"), new IPEndPoint(IPAddress.Loopback, 0)), fleet.Loggers, CancellationToken.None);
            var ports = StorageNodeProcess.FreePorts(Zones.Length);
            var started = await Task.WhenAll(Zones.Select((zone, i) => fleet.StartNodeAsync(zone, ports[i])));
            fleet.Nodes.AddRange(started);
            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more storage node (a fresh dir; a free port unless given), not added to <see cref="Nodes"/>.</summary>
    public async Task<StorageNodeProcess> StartNodeAsync(string zone, int? port = null)
    {
        var dir = Path.Combine(Root, "node-" + Interlocked.Increment(ref _nextDir).ToString(CultureInfo.InvariantCulture));
        var node = await StorageNodeProcess.StartAsync(zone, port ?? StorageNodeProcess.FreePorts(1)[0], dir);
        lock (_all) _all.Add(node);
        return node;
    }

    /// <summary>Creates the volume (one protection group over the six nodes) and opens it as its writer.</summary>
    public Task<Volume.Volume> CreateVolumeAsync(VolumeOptions? options = null)
    {
        var membership = new PgMembership(0, [.. Nodes.Select(n => n.Address)], null);
        var geometry = new VolumeGeometry(VolumeId, SegmentBytes, 1, [membership], Epoch.Zero);
        return Volume.Volume.CreateAsync(geometry, Metadata, Transport, options ?? FastVolume, Loggers.CreateLogger("volume"));
    }

    public Task<Volume.Volume> OpenVolumeAsync(VolumeOptions? options = null) =>
        Volume.Volume.OpenAsync(VolumeId, Metadata, Transport, options ?? FastVolume, Loggers.CreateLogger("volume"));

    /// <summary>A channel straight to one node, closed with the fleet.</summary>
    public IStorageChannel Channel(StorageNodeProcess node)
    {
        var channel = Transport.Open(node.Address);
        lock (_channels) _channels.Add(channel);
        return channel;
    }

    /// <summary>The SCL of segment 0 as the node itself reports it (Status request), or null if it does not answer.</summary>
    public async Task<Lsn?> SclOfAsync(StorageNodeProcess node)
    {
        var body = new byte[SegmentAddress.Size];
        new SegmentAddress(Segment0).Write(body);
        using var reply = await Channel(node).SendAsync(StorageMessageType.Status, body, TimeSpan.FromSeconds(2));
        return reply.IsOk ? reply.Scl : null;
    }

    /// <summary>Waits until the node reports an SCL at or above <paramref name="target"/>; fails with what it reached.</summary>
    public async Task WaitForSclAsync(StorageNodeProcess node, Lsn target, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        Lsn? scl = null;
        while (DateTime.UtcNow < deadline)
        {
            scl = await SclOfAsync(node);
            if (scl >= target) return;
            await Task.Delay(50);
        }
        Assert.Fail($"node {node.Address} reached SCL {scl?.ToString() ?? "(no answer)"} within {within.TotalSeconds} s, the writer's VDL is {target}");
    }

    /// <summary>The directory of segment 0 on a node.</summary>
    public static string SegmentDirectory(StorageNodeProcess node) => Path.Combine(node.DataDirectory, "segments", Segment0.ToString());

    /// <summary>The newest log chunk of segment 0 on a node.</summary>
    public static string LastLogChunk(StorageNodeProcess node) =>
        Directory.EnumerateFiles(SegmentDirectory(node), "log-*.blg").Order(StringComparer.Ordinal).Last();

    public async ValueTask DisposeAsync()
    {
        List<StorageNodeProcess> all;
        lock (_all) all = [.. _all];
        foreach (var node in all) node.Dispose();
        foreach (var channel in _channels) await channel.DisposeAsync();
        if (Metadata is not null) await Metadata.DisposeAsync();
        if (_output is not null)
            foreach (var node in all)
                _output.WriteLine($"=== storage node {node.Address}\n{node.Output}");
        _dir.Dispose();
        Loggers.Dispose();
    }
}

/// <summary>
/// Counters (page, slot) written by concurrent committers, each counter owned by one task that
/// writes increasing values. Keeps, per counter, the last acknowledged value and the one write
/// that may be in flight: a read must see the former, or the latter if it was not acknowledged.
/// </summary>
public sealed class CounterModel
{
    public const int Slots = 16;
    private readonly object _gate = new();
    private readonly Dictionary<(ulong Page, int Slot), (long Acked, long? InFlight)> _counters = [];

    public Lsn LastAcknowledged { get; private set; }
    public int Acknowledged { get; private set; }

    public void Attempt(PageId page, int slot, long value)
    {
        lock (_gate)
        {
            _counters.TryGetValue((page.Value, slot), out var c);
            _counters[(page.Value, slot)] = (c.Acked, value);
        }
    }

    public void Ack(PageId page, int slot, long value, Lsn lsn)
    {
        lock (_gate)
        {
            _counters[(page.Value, slot)] = (value, null);
            if (lsn > LastAcknowledged) LastAcknowledged = lsn;
            Acknowledged++;
        }
    }

    public IReadOnlyList<ulong> Pages
    {
        get { lock (_gate) return [.. _counters.Keys.Select(k => k.Page).Distinct().Order()]; }
    }

    /// <summary>Checks every counter of a page image against the model; returns the mismatches.</summary>
    public IEnumerable<string> Check(ulong page, ReadOnlySpan<byte> image)
    {
        var problems = new List<string>();
        lock (_gate)
            foreach (var ((p, slot), (acked, inFlight)) in _counters)
            {
                if (p != page) continue;
                var seen = ReadSlot(image, slot);
                if (seen != acked && seen != inFlight)
                    problems.Add($"page {p} slot {slot}: read {seen}, acknowledged {acked}" + (inFlight is { } f ? $" (or unacknowledged {f})" : ""));
            }
        return problems;
    }

    public static long ReadSlot(ReadOnlySpan<byte> image, int slot) => BinaryPrimitives.ReadInt64LittleEndian(image[(PageFrame.HeaderSize + slot * 8)..]);

    /// <summary>One mini-transaction writing one counter.</summary>
    public static MiniTransaction Write(PageId page, int slot, long value)
    {
        var mtr = new MiniTransaction();
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        mtr.WriteBytes(page, PageFrame.HeaderSize + slot * 8, bytes);
        return mtr;
    }
}
