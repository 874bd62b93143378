namespace Borealis.Bench.Support;

/// <summary>A fresh directory for one benchmark run's data, deleted (with everything in it) when disposed.</summary>
internal sealed class ScratchDirectory : IDisposable
{
    /// <param name="parent">Where to put it: the disk under test. Null: the system temp dir.</param>
    public ScratchDirectory(string? parent, string prefix)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetFullPath(parent ?? System.IO.Path.GetTempPath()), prefix + "-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Sub(string name)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException e) { Console.Error.WriteLine($"# could not delete {Path}: {e.Message}"); }
        catch (UnauthorizedAccessException e) { Console.Error.WriteLine($"# could not delete {Path}: {e.Message}"); }
    }
}
