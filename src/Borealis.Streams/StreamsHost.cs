using System.Net;
using Borealis.Common;
using Borealis.Redo.Wire;
using Borealis.Streams.Api;
using Borealis.Streams.Auth;
using Borealis.Volume.Metadata;
using Microsoft.Extensions.Logging;

namespace Borealis.Streams;

/// <summary>
/// Borealis Streams as <c>borealis up</c> runs it: the access key pair from
/// <c>DATA/credentials</c> (made at first start), the streams over the given fleet, and the
/// Kinesis endpoint.
/// </summary>
public sealed class StreamsHost : IAsyncDisposable
{
    private StreamsHost(StreamsService service, KinesisServer server, AwsCredentials credentials, string credentialsPath)
    {
        Service = service;
        Server = server;
        Credentials = credentials;
        CredentialsPath = credentialsPath;
    }

    public StreamsService Service { get; }
    public KinesisServer Server { get; }
    public AwsCredentials Credentials { get; }
    public string CredentialsPath { get; }
    public Uri Endpoint => Server.Endpoint;

    public static async Task<StreamsHost> StartAsync(string dataDirectory, IPEndPoint listen, IClusterMetadata metadata, IStorageTransport transport,
        IReadOnlyList<NodeAddress> fleet, ILoggerFactory loggers, Func<StreamsOptions, StreamsOptions>? tune = null, CancellationToken cancellationToken = default)
    {
        var credentialsPath = Path.Combine(dataDirectory, "credentials");
        var credentials = AwsCredentials.LoadOrCreate(credentialsPath);
        var options = new StreamsOptions();
        // `borealis up --kinesis-shard-limits` turns Kinesis's per-shard limits on (through
        // tune); the environment can too, for hosts started some other way.
        if (Environment.GetEnvironmentVariable("BOREALIS_KINESIS_SHARD_LIMITS") is "1" or "true" or "on")
            options = options with { ShardThroughput = Throughput.ShardThroughputLimits.Aws };
        if (tune is not null) options = tune(options);
        var service = await StreamsService.StartAsync(options, metadata, transport, fleet, loggers, cancellationToken).ConfigureAwait(false);
        try
        {
            var server = await KinesisServer.StartAsync(service, credentials, listen, Http2SocketPath(dataDirectory), loggers, cancellationToken).ConfigureAwait(false);
            return new StreamsHost(service, server, credentials, credentialsPath);
        }
        catch
        {
            await service.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The internal HTTP/2 listener's socket: in the data dir (one <c>up</c> per data dir, so a stale
    /// one is ours to replace), unless that path is too long for a Unix socket (108 bytes on Linux).
    /// </summary>
    private static string Http2SocketPath(string dataDirectory)
    {
        var inDataDir = Path.Combine(Path.GetFullPath(dataDirectory), "kinesis-h2.sock");
        return inDataDir.Length < 100 ? inDataDir : Path.Combine(Path.GetTempPath(), $"borealis-kinesis-h2-{Guid.NewGuid():N}.sock");
    }

    /// <summary>Stops taking requests first, then closes the shards' volumes.</summary>
    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync().ConfigureAwait(false);
        await Service.DisposeAsync().ConfigureAwait(false);
    }
}
