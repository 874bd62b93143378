using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Borealis.Common;

namespace Borealis.Server.Tests.Processes;

/// <summary>
/// A real <c>borealis storage-node</c> process (<c>dotnet borealis.dll storage-node ...</c>, the
/// dll copied next to this test assembly), for fault injection: kill -9, SIGSTOP/SIGCONT and
/// restart on the same data dir and port. Signals go to this process's own pid only.
/// </summary>
public sealed class StorageNodeProcess : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private readonly ConcurrentQueue<string> _output = new();
    private int _gossipMs;
    private Process? _process;

    private StorageNodeProcess(NodeAddress address, string dataDirectory, int gossipMs)
    {
        Address = address;
        DataDirectory = dataDirectory;
        _gossipMs = gossipMs;
    }

    public NodeAddress Address { get; }
    public string DataDirectory { get; }
    public int Pid => _process?.Id ?? throw new InvalidOperationException("not started");
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Everything the process wrote so far, stdout and stderr interleaved, over all its starts.</summary>
    public string Output => string.Join('\n', _output);

    public static async Task<StorageNodeProcess> StartAsync(string zone, int port, string dataDirectory, int gossipMs = 50)
    {
        var node = new StorageNodeProcess(new NodeAddress("127.0.0.1", port, zone), dataDirectory, gossipMs);
        try
        {
            await node.LaunchAsync().ConfigureAwait(false);
            return node;
        }
        catch
        {
            node.Dispose();
            throw;
        }
    }

    /// <summary>Loopback ports free right now (all bound at once, so they differ).</summary>
    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            foreach (var l in listeners) l.Start();
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var l in listeners) l.Stop();
        }
    }

    private async Task LaunchAsync()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "borealis.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     dll, "storage-node", "--zone", Address.Zone, "--port", Address.Port.ToString(CultureInfo.InvariantCulture),
                     "--data-dir", DataDirectory, "--gossip-ms", _gossipMs.ToString(CultureInfo.InvariantCulture), "--scrub-seconds", "0", "--log-chunk-mb", "4",
                 })
            start.ArgumentList.Add(arg);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            _output.Enqueue(e.Data);
            if (e.Data.StartsWith("storage node ready:", StringComparison.Ordinal)) ready.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) _output.Enqueue("stderr: " + e.Data);
        };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"storage node {Address} exited before it was ready:\n{Output}"));
        _output.Enqueue($"--- starting storage node {Address} in {DataDirectory}");
        process.Start();
        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try { await ready.Task.WaitAsync(ReadyTimeout).ConfigureAwait(false); }
        catch (TimeoutException e) { throw new TimeoutException($"storage node {Address} not ready after {ReadyTimeout}:\n{Output}", e); }
    }

    /// <summary>SIGKILL: no shutdown, nothing flushed that was not already.</summary>
    public void Kill9()
    {
        if (_process is not { } p) return;
        if (!p.HasExited)
        {
            p.Kill(entireProcessTree: false);
            p.WaitForExit(10_000);
        }
        p.WaitForExit(); // drains the output readers
        _output.Enqueue($"--- killed -9 (exit {p.ExitCode})");
        p.Dispose();
        _process = null;
    }

    /// <summary>SIGSTOP: the process keeps its sockets open but does nothing.</summary>
    public void Stop() => Signal("-STOP");

    /// <summary>SIGCONT after <see cref="Stop"/>.</summary>
    public void Continue() => Signal("-CONT");

    /// <summary>Kills the process if it runs, then starts it again on the same data dir and port (with another gossip interval if given).</summary>
    public async Task RestartAsync(int? gossipMs = null)
    {
        Kill9();
        _gossipMs = gossipMs ?? _gossipMs;
        // The port may still be held for a moment by the dead listener's teardown: retry a few times.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await LaunchAsync().ConfigureAwait(false);
                return;
            }
            catch (InvalidOperationException) when (attempt < 5)
            {
                Kill9();
                await Task.Delay(200).ConfigureAwait(false);
            }
        }
    }

    private void Signal(string signal)
    {
        var pid = Pid;
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { signal, pid.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
        kill.WaitForExit();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill {signal} {pid} failed with {kill.ExitCode}");
        _output.Enqueue($"--- sent {signal}");
    }

    /// <summary>Kills the process (SIGKILL works on a stopped one too); the data dir belongs to the caller.</summary>
    public void Dispose() => Kill9();
}
