using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Borealis.Streams.Auth;

namespace Borealis.Streams.Tests.Processes;

/// <summary>
/// A real <c>borealis up</c> process (the borealis.dll copied next to this test assembly), on
/// free ports and its own data dir, that a test can kill -9 and start again. Signals go to this
/// process's own pid only.
/// </summary>
public sealed class UpProcess : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private UpProcess(string dataDirectory, int storagePort, int kinesisPort)
    {
        DataDirectory = dataDirectory;
        StoragePort = storagePort;
        Endpoint = new Uri($"http://127.0.0.1:{kinesisPort}/");
    }

    public string DataDirectory { get; }
    public int StoragePort { get; }
    public Uri Endpoint { get; }
    public string Output => string.Join('\n', _output);
    public AwsCredentials Credentials => AwsCredentials.LoadOrCreate(Path.Combine(DataDirectory, "credentials"));

    public static async Task<UpProcess> StartAsync(string dataDirectory)
    {
        var (storage, kinesis) = FreePorts();
        var up = new UpProcess(dataDirectory, storage, kinesis);
        await up.LaunchAsync();
        return up;
    }

    /// <summary>Six consecutive free ports for the storage nodes and one more for Kinesis.</summary>
    private static (int Storage, int Kinesis) FreePorts()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var base_ = Random.Shared.Next(20_000, 60_000);
            var listeners = new List<TcpListener>();
            try
            {
                for (var p = base_; p < base_ + 7; p++)
                {
                    var l = new TcpListener(IPAddress.Loopback, p);
                    l.Start();
                    listeners.Add(l);
                }
                return (base_, base_ + 6);
            }
            catch (SocketException) { }
            finally
            {
                foreach (var l in listeners) l.Stop();
            }
        }
        throw new InvalidOperationException("no seven consecutive free loopback ports found");
    }

    public async Task LaunchAsync()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "borealis.dll"), "up", "--data-dir", DataDirectory,
                     "--storage-port", StoragePort.ToString(CultureInfo.InvariantCulture), "--kinesis-port", Endpoint.Port.ToString(CultureInfo.InvariantCulture),
                 })
            start.ArgumentList.Add(arg);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            _output.Enqueue(e.Data);
            if (e.Data.StartsWith("ready;", StringComparison.Ordinal)) ready.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"borealis up exited early:\n{Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await ready.Task.WaitAsync(ReadyTimeout);
    }

    /// <summary>kill -9: no shutdown code runs.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill();
            p.WaitForExit();
        }
        _process?.Dispose();
        _process = null;
    }

    public void Dispose() => Kill();
}
