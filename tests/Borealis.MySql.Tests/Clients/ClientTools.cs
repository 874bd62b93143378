using System.Diagnostics;

namespace Borealis.MySql.Tests.Clients;

/// <summary>Runs the command-line clients the tests drive (Debian's mariadb CLI and python3-pymysql).</summary>
internal static class ClientTools
{
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    /// <summary>Debian's python3 (python3-pymysql is installed for it, not for other pythons on the PATH).</summary>
    public static string? PythonWithPyMySql()
    {
        foreach (var python in new[] { "/usr/bin/python3", Find("python3") })
        {
            if (python is null || !File.Exists(python)) continue;
            try
            {
                using var process = Process.Start(new ProcessStartInfo(python, ["-c", "import pymysql"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
                if (process.WaitForExit(15_000) && process.ExitCode == 0) return python;
            }
            catch (System.ComponentModel.Win32Exception)
            {
            }
        }
        return null;
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string file, IEnumerable<string> arguments, string? stdin = null, int timeoutSeconds = 60)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        // Keep a user's ~/.my.cnf out of the test.
        info.Environment["MYSQL_HOME"] = "/nonexistent";
        using var process = Process.Start(info)!;
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            // Our own child: stopped by its handle, never by name.
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish in {timeoutSeconds} s; stderr: {await stderr}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>A test that needs the mariadb CLI; skipped, saying why, where it is not installed (scripts/test installs it).</summary>
public sealed class MariaDbCliFactAttribute : FactAttribute
{
    public MariaDbCliFactAttribute()
    {
        if (ClientTools.Find("mariadb") is null) Skip = "the mariadb CLI is not installed (apt-get install mariadb-client; scripts/test does it)";
    }
}

/// <summary>A test that needs python3-pymysql; skipped, saying why, where it is not installed (scripts/test installs it).</summary>
public sealed class PyMySqlFactAttribute : FactAttribute
{
    public PyMySqlFactAttribute()
    {
        if (ClientTools.PythonWithPyMySql() is null) Skip = "python3-pymysql is not installed (apt-get install python3-pymysql; scripts/test does it)";
    }
}
