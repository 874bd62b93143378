using System.Globalization;
using Borealis.Common;
using Borealis.Redo;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Borealis.Storage.Log;

/// <summary>
/// A segment's redo log: batches appended unchanged to numbered chunk files
/// (<c>log-NNNNNNNNNN.blg</c>), made durable by group commit. Appends are serialized by the
/// caller; reads and the flusher run concurrently with them.
/// Chunks are zero-filled to their full size before use (the next one is prepared in the
/// background), so an append overwrites allocated blocks and the commit needs only
/// fdatasync: no inode or extent update rides along with every commit.
/// </summary>
public sealed partial class SegmentLog : IDisposable
{
    private const string ChunkPrefix = "log-";
    private const string ChunkSuffix = ".blg";
    private const string PreparedName = "log-next.tmp";

    private readonly string _directory;
    private readonly long _chunkBytes;
    private readonly ILogger _log;
    private readonly object _chunksGate = new();
    private readonly SortedDictionary<int, SafeFileHandle> _chunks = new();
    private readonly HashSet<SafeFileHandle> _dirty = [];
    private readonly GroupCommit _commit;
    private int _current;
    private long _currentLength;
    private long _written;
    private bool _directoryDirty;
    private Task? _preparing;

    private SegmentLog(string directory, long chunkBytes, ILogger log)
    {
        _directory = directory;
        _chunkBytes = chunkBytes;
        _log = log;
        _commit = new GroupCommit(Flush, "fsync " + Path.GetFileName(directory));
    }

    /// <summary>Bytes appended so far: the ticket to wait on for everything written up to now.</summary>
    public long WrittenTicket => Volatile.Read(ref _written);

    /// <summary>Waits until everything up to <paramref name="ticket"/> is on disk.</summary>
    public Task WaitDurableAsync(long ticket, bool completeInline = false) => _commit.WaitAsync(ticket, completeInline);

    /// <summary>Appends one entry; returns where it went. Durable only after <see cref="WaitDurableAsync"/>.</summary>
    public LogLocation Append(ReadOnlySpan<byte> entry)
    {
        SafeFileHandle handle;
        lock (_chunksGate)
        {
            if (_currentLength > 0 && _currentLength + entry.Length > _chunkBytes) StartChunk(_current + 1);
            handle = _chunks[_current];
        }
        var location = new LogLocation(_current, _currentLength, entry.Length);
        RandomAccess.Write(handle, entry, _currentLength);
        _currentLength += entry.Length;
        lock (_chunksGate) _dirty.Add(handle);
        Volatile.Write(ref _written, _written + entry.Length);
        return location;
    }

    /// <summary>Overwrites an entry in place with a good copy of the same bytes (scrub repair); fsyncs before returning.</summary>
    public void Rewrite(LogLocation location, ReadOnlySpan<byte> entry)
    {
        if (entry.Length != location.Length) throw new ArgumentException("a repair must have the damaged entry's length", nameof(entry));
        var handle = Handle(location.Chunk) ?? throw new InvalidOperationException($"chunk {location.Chunk} is gone");
        RandomAccess.Write(handle, entry, location.Offset);
        RandomAccess.FlushToDisk(handle);
    }

    /// <summary>Reads an entry into <paramref name="destination"/>; false if its chunk was deleted or the read was short.</summary>
    public bool TryRead(LogLocation location, Span<byte> destination)
    {
        var handle = Handle(location.Chunk);
        if (handle is null) return false;
        try
        {
            var total = 0;
            while (total < location.Length)
            {
                var n = RandomAccess.Read(handle, destination[total..location.Length], location.Offset + total);
                if (n == 0) return false;
                total += n;
            }
            return true;
        }
        catch (ObjectDisposedException) { return false; }
    }

    public IReadOnlyList<int> ChunkNumbers
    {
        get { lock (_chunksGate) return [.. _chunks.Keys]; }
    }

    public int CurrentChunk => _current;

    public long TotalBytes
    {
        get { lock (_chunksGate) return _chunks.Values.Sum(h => RandomAccess.GetLength(h)); }
    }

    /// <summary>Deletes a whole chunk no longer needed (never the one being appended to).</summary>
    public void DeleteChunk(int chunk)
    {
        SafeFileHandle? handle;
        lock (_chunksGate)
        {
            if (chunk == _current || !_chunks.Remove(chunk, out handle)) return;
            _dirty.Remove(handle);
        }
        handle.Dispose();
        File.Delete(ChunkPath(chunk));
        _log.LogDebug("deleted log chunk {Chunk} of {Segment}", chunk, _directory);
    }

    private SafeFileHandle? Handle(int chunk)
    {
        lock (_chunksGate) return _chunks.GetValueOrDefault(chunk);
    }

    private void StartChunk(int chunk)
    {
        var prepared = Path.Combine(_directory, PreparedName);
        try { _preparing?.Wait(); }
        catch (AggregateException) { } // made inline below
        var ready = _preparing is { IsCompletedSuccessfully: true } && File.Exists(prepared);
        if (!ready) PrepareChunk(prepared, _chunkBytes);
        File.Move(prepared, ChunkPath(chunk));
        var handle = File.OpenHandle(ChunkPath(chunk), FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        _chunks[chunk] = handle;
        _current = chunk;
        _currentLength = 0;
        _directoryDirty = true;
        _preparing = PrepareInBackground(prepared, _chunkBytes);
    }

    /// <summary>
    /// Prepares the next chunk on a thread of its own, not the thread pool: an append that
    /// needs it waits for it holding the segment's lock, and if the preparation sat queued
    /// behind pool work that itself waits on that lock, commits would stall (seen in tests).
    /// </summary>
    private static Task PrepareInBackground(string path, long length) =>
        Task.Factory.StartNew(() => PrepareChunk(path, length), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Writes a zero-filled file of the chunk size and makes it durable.</summary>
    private static void PrepareChunk(string path, long length)
    {
        using var handle = File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.None);
        ZeroFill(handle, 0, length);
        RandomAccess.FlushToDisk(handle);
    }

    private static void ZeroFill(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long from, long to)
    {
        var zeros = new byte[1024 * 1024];
        for (var at = from; at < to; at += zeros.Length)
            RandomAccess.Write(handle, zeros.AsSpan(0, (int)Math.Min(zeros.Length, to - at)), at);
    }

    private long Flush()
    {
        SafeFileHandle[] dirty;
        bool directoryDirty;
        long covered;
        lock (_chunksGate)
        {
            covered = Volatile.Read(ref _written);
            dirty = [.. _dirty];
            _dirty.Clear();
            directoryDirty = _directoryDirty;
            _directoryDirty = false;
        }
        foreach (var handle in dirty) CrashSafe.FlushData(handle);
        // A new chunk's name is durable only once the directory is fsynced.
        if (directoryDirty) CrashSafe.FsyncDirectory(_directory);
        return covered;
    }

    private string ChunkPath(int chunk) => Path.Combine(_directory, ChunkPrefix + chunk.ToString("D10", CultureInfo.InvariantCulture) + ChunkSuffix);

    private static bool TryParseChunk(string path, out int chunk)
    {
        var name = Path.GetFileName(path);
        chunk = 0;
        return name.StartsWith(ChunkPrefix, StringComparison.Ordinal) && name.EndsWith(ChunkSuffix, StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(ChunkPrefix.Length, name.Length - ChunkPrefix.Length - ChunkSuffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out chunk);
    }

    public void Dispose()
    {
        _commit.Dispose();
        try { _preparing?.Wait(); }
        catch (AggregateException) { } // a failed preparation only means the next chunk is made inline
        lock (_chunksGate)
        {
            foreach (var h in _chunks.Values) h.Dispose();
            _chunks.Clear();
        }
    }
}
