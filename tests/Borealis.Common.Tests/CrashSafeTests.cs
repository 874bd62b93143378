namespace Borealis.Common.Tests;

public sealed class CrashSafeTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "borealis-crashsafe-" + Guid.NewGuid().ToString("N"));

    public CrashSafeTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void WriteAllBytesDurably_creates_then_replaces_contents()
    {
        var path = Path.Combine(_dir, "meta.json");
        CrashSafe.WriteAllBytesDurably(path, [1, 2, 3, 4, 5, 6, 7, 8]);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, File.ReadAllBytes(path));

        // Shorter new contents must not leave the old tail behind.
        CrashSafe.WriteAllBytesDurably(path, [9, 9]);
        Assert.Equal(new byte[] { 9, 9 }, File.ReadAllBytes(path));

        CrashSafe.WriteAllBytesDurably(path, []);
        Assert.Empty(File.ReadAllBytes(path));
        Assert.False(File.Exists(path + ".tmp"));
        Assert.Equal(["meta.json"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteAllBytesDurably_overwrites_a_leftover_temp_file()
    {
        var path = Path.Combine(_dir, "m");
        File.WriteAllBytes(path + ".tmp", new byte[100]);
        CrashSafe.WriteAllBytesDurably(path, [7]);
        Assert.Equal(new byte[] { 7 }, File.ReadAllBytes(path));
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void CreateDirectoryDurably_creates_nested_directories_and_is_idempotent()
    {
        var nested = Path.Combine(_dir, "a", "b", "c");
        CrashSafe.CreateDirectoryDurably(nested);
        Assert.True(Directory.Exists(nested));
        CrashSafe.CreateDirectoryDurably(nested);
        CrashSafe.FsyncDirectory(nested);
    }
}
