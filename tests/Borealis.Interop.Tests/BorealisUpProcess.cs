using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Borealis.Interop.Tests;

/// <summary>
/// A real <c>borealis up</c> process (the borealis.dll copied next to this assembly) on free
/// loopback ports, waited for until it prints "ready". Stopped by its own handle, never by name.
/// </summary>
internal sealed class BorealisUpProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BorealisUpProcess(Process process) => _process = process;

    public string Output { get { lock (_output) return _output.ToString(); } }

    public static async Task<BorealisUpProcess> StartAsync(string dataDirectory, int storagePort, int mysqlPort, int kinesisPort)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "borealis.dll"), "up", "--data-dir", dataDirectory,
                     "--storage-port", storagePort.ToString(CultureInfo.InvariantCulture), "--mysql-port", mysqlPort.ToString(CultureInfo.InvariantCulture),
                     "--kinesis-port", kinesisPort.ToString(CultureInfo.InvariantCulture),
                 })
            info.ArgumentList.Add(a);
        var up = new BorealisUpProcess(Process.Start(info)!);
        up._process.OutputDataReceived += (_, e) => up.Line(e.Data);
        up._process.ErrorDataReceived += (_, e) => up.Line(e.Data);
        up._process.BeginOutputReadLine();
        up._process.BeginErrorReadLine();
        var done = await Task.WhenAny(up._ready.Task, up._process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(120)));
        if (done != up._ready.Task)
        {
            await up.DisposeAsync();
            throw new InvalidOperationException("borealis up did not become ready:\n" + up.Output);
        }
        return up;
    }

    private void Line(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (line.StartsWith("ready", StringComparison.Ordinal)) _ready.TrySetResult();
    }

    /// <summary>kill -9: no shutdown path runs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
