using System.Net;
using Borealis.Server.Embedded;
using Borealis.Storage.Segments;
using Borealis.Volume;
using Microsoft.Extensions.Logging.Abstractions;

namespace Borealis.Streams.Tests.Support;

/// <summary>
/// What <c>borealis up</c> runs, in this process: the six-node embedded fleet with its Raft
/// metadata, and Borealis Streams with its Kestrel endpoint on a free port. Intervals and
/// timeouts are shortened so that failures show in seconds.
/// </summary>
public sealed class StreamsTestHost : IAsyncDisposable
{
    private static int s_nextBasePort = 31000;

    private static readonly SegmentOptions FastSegments = new()
    {
        GossipInterval = TimeSpan.FromMilliseconds(50),
        MaterializeInterval = TimeSpan.FromMilliseconds(100),
        ScrubInterval = TimeSpan.Zero,
        LogChunkBytes = 1024 * 1024,
    };

    private readonly string _dataDirectory;
    private readonly int _basePort;

    private readonly Func<StreamsOptions, StreamsOptions>? _tune;

    private StreamsTestHost(string dataDirectory, int basePort, ShiftableClock clock, Func<StreamsOptions, StreamsOptions>? tune)
    {
        _tune = tune;
        _dataDirectory = dataDirectory;
        _basePort = basePort;
        Clock = clock;
    }

    public EmbeddedFleet Fleet { get; private set; } = null!;
    public StreamsHost Streams { get; private set; } = null!;
    public KinesisClient Client { get; private set; } = null!;
    public ShiftableClock Clock { get; }

    /// <param name="tune">Changes to the test options (the clock stays the host's).</param>
    public static async Task<StreamsTestHost> StartAsync(string dataDirectory, Func<StreamsOptions, StreamsOptions>? tune = null)
    {
        var host = new StreamsTestHost(dataDirectory, Interlocked.Add(ref s_nextBasePort, 10), new ShiftableClock(), tune);
        await host.StartAsync();
        return host;
    }

    private async Task StartAsync()
    {
        Fleet = await EmbeddedFleet.StartAsync(_dataDirectory, _basePort, listenTcp: false, FastSegments, NullLoggerFactory.Instance);
        Streams = await StreamsHost.StartAsync(_dataDirectory, new IPEndPoint(IPAddress.Loopback, 0), Fleet.Metadata, Fleet.Transport, Fleet.Addresses, NullLoggerFactory.Instance,
            o =>
            {
                o = o with
                {
                    ShardSegmentBytes = 64L * 1024 * 1024,
                    Volume = new VolumeOptions { CommitTimeout = TimeSpan.FromSeconds(2), RecoveryTimeout = TimeSpan.FromSeconds(10) },
                    Clock = Clock,
                };
                return _tune is null ? o : _tune(o) with { Clock = Clock };
            });
        Client = new KinesisClient(Streams.Endpoint, Streams.Credentials.AccessKeyId, Streams.Credentials.SecretAccessKey, Clock);
    }

    /// <summary>Stops everything (as a clean shutdown of <c>borealis up</c>) and starts again from the same data dir.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    private async Task StopAsync()
    {
        Client.Dispose();
        await Streams.DisposeAsync();
        await Fleet.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
