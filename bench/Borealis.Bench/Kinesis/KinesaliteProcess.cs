using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Borealis.Bench.Kinesis;

/// <summary>
/// kinesalite (npm, in memory) in a node process of its own on a free loopback port, installed
/// from <c>bench/kinesis/package-lock.json</c> with <c>npm ci</c> when its node_modules are
/// missing or older than the lock file. Disposing kills that process by its pid (also on exit,
/// should the bench be stopped before it disposes).
/// </summary>
internal sealed class KinesaliteProcess : IDisposable
{
    private const string ReadyLine = "kinesalite ready:";
    private readonly Process _process;
    private readonly EventHandler _onExit;

    private KinesaliteProcess(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
        _onExit = (_, _) => Kill();
        AppDomain.CurrentDomain.ProcessExit += _onExit;
    }

    public Uri Endpoint { get; }
    public int Pid => _process.Id;

    public static async Task<KinesaliteProcess> StartAsync(string directory, CancellationToken cancellationToken)
    {
        await InstallAsync(directory, cancellationToken).ConfigureAwait(false);
        var port = FreeLoopbackPort();
        var info = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        info.ArgumentList.Add("serve.js");
        info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tail = new Queue<string>();
        DataReceivedEventHandler onLine = (_, e) =>
        {
            if (e.Data is null) return;
            lock (tail)
            {
                tail.Enqueue(e.Data);
                if (tail.Count > 20) tail.Dequeue();
            }
            if (e.Data.StartsWith(ReadyLine, StringComparison.Ordinal)) ready.TrySetResult();
        };
        process.OutputDataReceived += onLine;
        process.ErrorDataReceived += onLine;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("kinesalite exited before it was ready:\n" + string.Join('\n', tail)));
        process.Start();
        var kinesalite = new KinesaliteProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            return kinesalite;
        }
        catch
        {
            kinesalite.Dispose();
            throw;
        }
    }

    /// <summary><c>npm ci</c> unless node_modules is already what the lock file says (npm writes its own copy of the lock there).</summary>
    private static async Task InstallAsync(string directory, CancellationToken cancellationToken)
    {
        var lockFile = Path.Combine(directory, "package-lock.json");
        var installed = Path.Combine(directory, "node_modules", ".package-lock.json");
        if (File.Exists(installed) && File.GetLastWriteTimeUtc(installed) >= File.GetLastWriteTimeUtc(lockFile)
            && File.Exists(Path.Combine(directory, "node_modules", "kinesalite", "package.json"))) return;
        Console.Error.WriteLine($"# npm ci in {directory}");
        // leveldown's native build is not needed: kinesalite keeps its data in memory here.
        var info = new ProcessStartInfo("npm") { UseShellExecute = false, WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "ci", "--ignore-scripts", "--no-audit", "--no-fund" }) info.ArgumentList.Add(arg);
        using var npm = Process.Start(info) ?? throw new InvalidOperationException("could not start npm");
        var output = npm.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = npm.StandardError.ReadToEndAsync(cancellationToken);
        await npm.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (npm.ExitCode != 0) throw new InvalidOperationException($"npm ci failed ({npm.ExitCode}):\n{await output.ConfigureAwait(false)}{await errors.ConfigureAwait(false)}");
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try { return ((IPEndPoint)listener.LocalEndpoint).Port; }
        finally { listener.Stop(); }
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill();
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException) { } // already reaped
        catch (System.ComponentModel.Win32Exception e) { Console.Error.WriteLine($"# could not kill kinesalite pid {_process.Id}: {e.Message}"); }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        AppDomain.CurrentDomain.ProcessExit -= _onExit;
    }
}
