using System.CommandLine;
using System.Net;
using Borealis.Common;
using Borealis.Redo.Wire;
using Borealis.Storage;
using Borealis.Storage.Segments;
using Microsoft.Extensions.Logging;

namespace Borealis.Server.Commands;

/// <summary><c>borealis storage-node --zone Z --port P --data-dir D</c>: one storage node on its own.</summary>
internal static class StorageNodeCommand
{
    public static Command Build()
    {
        var zone = new Option<string>("--zone") { Description = "availability zone of this node", Required = true };
        var port = new Option<int>("--port") { Description = "TCP port of the fleet protocol", DefaultValueFactory = _ => 9100 };
        var host = new Option<string>("--host") { Description = "address to listen on and to advertise", DefaultValueFactory = _ => "127.0.0.1" };
        var dataDir = new Option<string>("--data-dir") { Description = "directory of this node's segments", Required = true };
        var gossip = new Option<int>("--gossip-ms") { Description = "gossip interval in milliseconds", DefaultValueFactory = _ => 250 };
        var scrub = new Option<int>("--scrub-seconds") { Description = "interval of the background scrub (0: only on request)", DefaultValueFactory = _ => 3600 };
        var chunk = new Option<int>("--log-chunk-mb") { Description = "size of a segment log chunk in MiB", DefaultValueFactory = _ => 16 };
        var verbose = new Option<bool>("--verbose") { Description = "log debug detail" };
        var command = new Command("storage-node", "run one storage node") { zone, port, host, dataDir, gossip, scrub, chunk, verbose };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var loggers = ConsoleLogging.Create(result.GetValue(verbose) ? LogLevel.Debug : LogLevel.Information);
            var log = loggers.CreateLogger("borealis");
            var self = new NodeAddress(result.GetValue(host)!, result.GetValue(port), result.GetValue(zone)!);
            var options = new SegmentOptions
            {
                GossipInterval = TimeSpan.FromMilliseconds(result.GetValue(gossip)),
                ScrubInterval = TimeSpan.FromSeconds(result.GetValue(scrub)),
                LogChunkBytes = result.GetValue(chunk) * 1024L * 1024,
            };
            var transport = new TcpStorageTransport(loggers);
            await using var node = new StorageNode(result.GetValue(dataDir)!, self, transport, options, loggers);
            node.Start();
            await using var server = new TcpStorageServer(new IPEndPoint(IPAddress.Parse(self.Host), self.Port), node, loggers);
            Console.WriteLine($"storage node ready: {self} data-dir {Path.GetFullPath(result.GetValue(dataDir)!)}");
            await WaitForStop(cancellationToken).ConfigureAwait(false);
            log.LogInformation("storage node {Self} stopping", self);
            return 0;
        });
        return command;
    }

    /// <summary>Waits for Ctrl-C or SIGTERM (handled here, so that everything is disposed cleanly) or cancellation.</summary>
    public static async Task WaitForStop(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnSignal(System.Runtime.InteropServices.PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, OnSignal);
        using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, OnSignal);
        try { await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
    }
}
