using System.Collections.Concurrent;
using System.Diagnostics;

namespace Borealis.Bench.Support;

/// <summary>A process this benchmark started and will stop by its own pid; its output lines are kept.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private ChildProcess(Process process) => _process = process;

    public IEnumerable<string> Lines => _lines;

    /// <summary>Starts it and waits until a line starting with <paramref name="readyPrefix"/> appears.</summary>
    public static async Task<ChildProcess> StartAsync(string file, IEnumerable<string> arguments, string readyPrefix, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var child = new ChildProcess(new Process { StartInfo = start });
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        child._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            child._lines.Enqueue(e.Data);
            if (e.Data.StartsWith(readyPrefix, StringComparison.Ordinal)) ready.TrySetResult();
        };
        child._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) child._lines.Enqueue("stderr: " + e.Data); };
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        var exited = child._process.WaitForExitAsync(cancellationToken);
        if (await Task.WhenAny(ready.Task, exited).ConfigureAwait(false) != ready.Task)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited before it was ready:\n{string.Join('\n', child._lines)}");
        return child;
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>SIGKILL to this child only.</summary>
    public void Kill9()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill9();
        _process.Dispose();
    }
}
