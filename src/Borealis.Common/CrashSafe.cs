using System.Runtime.InteropServices;

namespace Borealis.Common;

/// <summary>
/// Durable file operations: a file's contents survive a crash only after the file is
/// fsynced, and its name only after its directory is fsynced too.
/// </summary>
public static partial class CrashSafe
{
    /// <summary>Writes a small file so that after a crash either the old or the new contents exist.</summary>
    public static void WriteAllBytesDurably(string path, ReadOnlySpan<byte> contents)
    {
        ArgumentNullException.ThrowIfNull(path);
        var temp = path + ".tmp";
        using (var handle = File.OpenHandle(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            RandomAccess.Write(handle, contents, 0);
            RandomAccess.FlushToDisk(handle);
        }
        File.Move(temp, path, overwrite: true);
        FsyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Creates a directory and makes its entry in the parent durable.</summary>
    public static void CreateDirectoryDurably(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) return;
        var parent = Path.GetDirectoryName(full);
        if (parent is not null) CreateDirectoryDurably(parent);
        Directory.CreateDirectory(full);
        if (parent is not null) FsyncDirectory(parent);
    }

    public static void FsyncDirectory(string path)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        var fd = Open(path, 0 /* O_RDONLY */);
        if (fd < 0) throw new IOException($"cannot open directory {path} to fsync it (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (Fsync(fd) != 0) throw new IOException($"fsync of directory {path} failed (errno {Marshal.GetLastPInvokeError()})");
        }
        finally { _ = Close(fd); }
    }

    /// <summary>
    /// Makes a file's data durable without its timestamps (fdatasync): enough for a file whose
    /// size and blocks do not change, such as a preallocated log chunk.
    /// </summary>
    public static void FlushData(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (!OperatingSystem.IsLinux())
        {
            RandomAccess.FlushToDisk(handle);
            return;
        }
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            if (Fdatasync((int)handle.DangerousGetHandle()) != 0)
                throw new IOException($"fdatasync failed (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int Fdatasync(int fd);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
