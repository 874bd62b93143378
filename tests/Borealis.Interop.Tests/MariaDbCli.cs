using System.Diagnostics;
using System.Globalization;

namespace Borealis.Interop.Tests;

/// <summary>Runs Debian's mariadb CLI (batch mode, SQL on stdin) against a port.</summary>
internal static class MariaDbCli
{
    public static string? Path_ { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, "mariadb")).FirstOrDefault(File.Exists);

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(int port, string sql, string? database = null)
    {
        var info = new ProcessStartInfo(Path_!) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in new[] { "--no-defaults", "-h", "127.0.0.1", "-P", port.ToString(CultureInfo.InvariantCulture), "-u", "root", "--skip-ssl", "--batch" }) info.ArgumentList.Add(a);
        if (database is not null) info.ArgumentList.Add(database);
        info.Environment["MYSQL_HOME"] = "/nonexistent";
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(sql);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            // Our own child, stopped by its handle.
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("mariadb did not finish in 60 s: " + await stderr);
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>Needs the mariadb CLI; skipped, saying so, where it is missing (scripts/test installs it).</summary>
public sealed class MariaDbCliFactAttribute : FactAttribute
{
    public MariaDbCliFactAttribute()
    {
        if (MariaDbCli.Path_ is null) Skip = "the mariadb CLI is not installed (apt-get install mariadb-client; scripts/test does it)";
    }
}
