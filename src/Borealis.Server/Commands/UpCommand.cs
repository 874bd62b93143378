using System.CommandLine;
using System.Net;
using Borealis.Common;
using Borealis.Engine.Transactions;
using Borealis.MySql;
using Borealis.Sql.Execution;
using Borealis.Sql.Execution.Catalog;
using Borealis.Server.Embedded;
using Borealis.Storage.Segments;
using Borealis.Streams;
using Borealis.Volume;
using Microsoft.Extensions.Logging;

namespace Borealis.Server.Commands;

/// <summary><c>borealis up</c>: the embedded default cluster in one process.</summary>
internal static class UpCommand
{
    public static readonly VolumeId DefaultVolume = new(1);
    public const long DefaultSegmentBytes = 10L * 1024 * 1024 * 1024;

    public static Command Build()
    {
        var dataDir = new Option<string>("--data-dir") { Description = "where everything is kept", DefaultValueFactory = _ => "./data" };
        var storagePort = new Option<int>("--storage-port") { Description = "first of the six storage node ports", DefaultValueFactory = _ => 9100 };
        var kinesisPort = new Option<int>("--kinesis-port") { Description = "port of the Kinesis Data Streams API (127.0.0.1)", DefaultValueFactory = _ => 4567 };
        var mysqlPort = new Option<int>("--mysql-port") { Description = "port of the MySQL endpoint (127.0.0.1)", DefaultValueFactory = _ => 3306 };
        var rootPassword = new Option<string>("--root-password") { Description = "password of the MySQL account root (empty by default)", DefaultValueFactory = _ => "" };
        var shardLimits = new Option<bool>("--kinesis-shard-limits") { Description = "enforce Kinesis's per-shard limits (1 MiB/s or 1,000 records/s in, 2 MiB/s and 5 GetRecords/s out)" };
        var verbose = new Option<bool>("--verbose") { Description = "log debug detail" };
        var command = new Command("up", "run the embedded default cluster: a writer, a six-node storage fleet over three zones, the MySQL endpoint and the Kinesis API")
        {
            dataDir, storagePort, kinesisPort, mysqlPort, rootPassword, shardLimits, verbose,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var loggers = ConsoleLogging.Create(result.GetValue(verbose) ? LogLevel.Debug : LogLevel.Information);
            var data = Path.GetFullPath(result.GetValue(dataDir)!);
            CrashSafe.CreateDirectoryDurably(data);
            Console.WriteLine($"borealis up: data dir {data}");
            await using var fleet = await EmbeddedFleet.StartAsync(data, result.GetValue(storagePort), listenTcp: true, new SegmentOptions(), loggers, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"storage fleet ready: {string.Join(" ", fleet.Addresses)}");
            await using var volume = await fleet.OpenVolumeAsync(DefaultVolume, DefaultSegmentBytes, 1, new VolumeOptions(), cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"volume {volume.Id} open as writer: epoch {volume.Epoch}, VDL {volume.Vdl}");
            await using var database = await Database.OpenAsync(volume, new DatabaseOptions(), cancellationToken).ConfigureAwait(false);
            var catalog = await SqlCatalog.OpenAsync(database, cancellationToken).ConfigureAwait(false);
            MySqlServer mysqlServer;
            try
            {
                var options = new MySqlServerOptions { DataDirectory = data, EndPoint = new IPEndPoint(IPAddress.Loopback, result.GetValue(mysqlPort)) };
                mysqlServer = new MySqlServer(options, new RootAccountStore(result.GetValue(rootPassword)!), new SqlSessionFactory(catalog), loggers.CreateLogger("mysql"));
            }
            catch (System.Net.Sockets.SocketException e)
            {
                await Console.Error.WriteLineAsync($"cannot serve MySQL on 127.0.0.1:{result.GetValue(mysqlPort)}: {e.Message} (choose another with --mysql-port)").ConfigureAwait(false);
                return 1;
            }
            await using var mysql = mysqlServer;
            Console.WriteLine($"mysql: 127.0.0.1:{mysql.Port}, user root ({catalog.DatabaseNames().Count} databases)");
            Console.WriteLine($"  (mariadb -h 127.0.0.1 -P {mysql.Port} -u root)");
            StreamsHost streamsHost;
            try
            {
                streamsHost = await StreamsHost.StartAsync(data, new IPEndPoint(IPAddress.Loopback, result.GetValue(kinesisPort)), fleet.Metadata, fleet.Transport, fleet.Addresses, loggers,
                    tune: result.GetValue(shardLimits) ? o => o with { ShardThroughput = Borealis.Streams.Throughput.ShardThroughputLimits.Aws } : null,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                // Kestrel reports a port in use as an IOException; say which flag moves it.
                await Console.Error.WriteLineAsync($"cannot serve Kinesis on 127.0.0.1:{result.GetValue(kinesisPort)}: {e.Message} (choose another with --kinesis-port)").ConfigureAwait(false);
                return 1;
            }
            await using var streams = streamsHost;
            Console.WriteLine($"kinesis: {streams.Endpoint} region us-east-1, {streams.Service.Catalog.Streams.Count} streams");
            Console.WriteLine($"  access key id {streams.Credentials.AccessKeyId}, secret access key {streams.Credentials.SecretAccessKey}");
            Console.WriteLine($"  (AWS CLI: AWS_SHARED_CREDENTIALS_FILE={streams.CredentialsPath} aws --region us-east-1 --endpoint-url {streams.Endpoint} kinesis list-streams)");
            Console.WriteLine("not yet built: the DynamoDB, S3 and console endpoints (see docs/architecture.md)");
            Console.WriteLine("ready; Ctrl-C or SIGTERM stops");
            await StorageNodeCommand.WaitForStop(cancellationToken).ConfigureAwait(false);
            Console.WriteLine("stopping");
            return 0;
        });
        return command;
    }
}
