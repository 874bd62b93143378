using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Borealis.Common;

namespace Borealis.Bench.Volume;

/// <summary>
/// Six <c>borealis storage-node</c> processes, two per zone as in the embedded fleet, each with
/// a fresh directory and a free loopback port. Disposing kills every one of them by its pid (also
/// on process exit, should the bench be stopped before it gets to dispose).
/// </summary>
internal sealed class StorageNodeProcesses : IDisposable
{
    public const string ReadyLine = "storage node ready:";
    private static readonly string[] Zones = ["a", "a", "b", "b", "c", "c"];
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly List<Process> _processes = [];
    private readonly List<Queue<string>> _tails = [];
    private readonly EventHandler _onExit;

    private StorageNodeProcesses()
    {
        _onExit = (_, _) => KillAll();
        AppDomain.CurrentDomain.ProcessExit += _onExit;
    }

    public List<NodeAddress> Addresses { get; } = [];

    public IEnumerable<int> Pids => _processes.Select(p => p.Id);

    /// <param name="borealisDll">The built <c>borealis.dll</c>, run with this process's <c>dotnet</c>.</param>
    public static async Task<StorageNodeProcesses> StartAsync(string borealisDll, string directory, CancellationToken cancellationToken)
    {
        var nodes = new StorageNodeProcesses();
        try
        {
            var ports = FreeLoopbackPorts(Zones.Length);
            var ready = new List<Task>();
            for (var i = 0; i < Zones.Length; i++)
            {
                var address = new NodeAddress("127.0.0.1", ports[i], Zones[i]);
                nodes.Addresses.Add(address);
                ready.Add(nodes.Start(borealisDll, address, Path.Combine(directory, "node-" + i.ToString(CultureInfo.InvariantCulture))));
            }
            await Task.WhenAll(ready).WaitAsync(ReadyTimeout, cancellationToken).ConfigureAwait(false);
            return nodes;
        }
        catch (TimeoutException)
        {
            var tails = nodes.Tails();
            nodes.Dispose();
            throw new InvalidOperationException($"storage nodes not ready after {ReadyTimeout.TotalSeconds} s:\n{tails}");
        }
        catch
        {
            nodes.Dispose();
            throw;
        }
    }

    private Task Start(string borealisDll, NodeAddress address, string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var info = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
                 {
                     borealisDll, "storage-node", "--zone", address.Zone, "--host", address.Host,
                     "--port", address.Port.ToString(CultureInfo.InvariantCulture), "--data-dir", dataDirectory,
                     "--scrub-seconds", "0",
                 })
            info.ArgumentList.Add(arg);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tail = new Queue<string>();
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        // Both pipes are drained for the node's whole life: a full pipe would stall its logging.
        DataReceivedEventHandler onLine = (_, e) =>
        {
            if (e.Data is null) return;
            lock (tail)
            {
                tail.Enqueue(e.Data);
                if (tail.Count > 20) tail.Dequeue();
            }
            if (e.Data.Contains(ReadyLine, StringComparison.Ordinal)) ready.TrySetResult();
        };
        process.OutputDataReceived += onLine;
        process.ErrorDataReceived += onLine;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"storage node {address} exited before it was ready:\n{Tail(tail)}"));
        process.Start();
        _processes.Add(process);
        _tails.Add(tail);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return ready.Task;
    }

    /// <summary>The last lines each node printed, for a failure message.</summary>
    public string Tails() => string.Join("\n", _tails.Select((t, i) => $"-- node {i}:\n{Tail(t)}"));

    private static string Tail(Queue<string> tail)
    {
        lock (tail) return string.Join("\n", tail);
    }

    private static string DotnetHost()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
    }

    /// <summary>Ports the kernel hands out for port 0; all held at once, so they differ.</summary>
    private static int[] FreeLoopbackPorts(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var l in listeners) l.Stop();
        }
    }

    private void KillAll()
    {
        foreach (var process in _processes)
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
            catch (InvalidOperationException) { } // never started or already reaped
            catch (System.ComponentModel.Win32Exception e) { Console.Error.WriteLine($"# could not kill storage node pid {process.Id}: {e.Message}"); }
        }
    }

    public void Dispose()
    {
        KillAll();
        foreach (var process in _processes) process.Dispose();
        _processes.Clear();
        AppDomain.CurrentDomain.ProcessExit -= _onExit;
    }
}
