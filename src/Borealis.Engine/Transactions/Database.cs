using Borealis.Common;
using Borealis.Engine.Buffers;
using Borealis.Engine.BTrees;
using Borealis.Engine.Pages;

namespace Borealis.Engine.Transactions;

/// <summary>
/// The transactional engine on one volume: a buffer pool, the index directory, commit stamps,
/// open snapshots, the version store and the purge of deleted rows. Transactions begin here.
/// </summary>
/// <remarks>
/// Commit stamps order commits. Each commit takes the next stamp while it holds the pool's
/// change gate, so stamps follow the order in which commits reach the pages and the log. A
/// stamp is never above its commit's LSN (the counter starts at VDL when the database opens
/// and each commit appends at least one record), so after any restart, VDL is above every
/// stamp on a page and the counter can start there again: opening reads nothing but VDL.
/// A commit becomes visible to new snapshots only once it is durable.
/// </remarks>
public sealed partial class Database : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly SortedDictionary<ulong, int> _openSnapshots = [];
    private ulong _lastStamp;
    private ulong _visible;
    private long _nextTransaction;
    private bool _disposed;

    private Database(BufferPool pool, DatabaseOptions options, ulong startStamp)
    {
        Pool = pool;
        Options = options;
        _lastStamp = startStamp;
        _visible = startStamp;
    }

    public BufferPool Pool { get; }
    public DatabaseOptions Options { get; }
    internal VersionStore Versions { get; } = new();
    internal PendingInserts PendingInserts { get; } = new();

    /// <summary>Row and gap locks of every transaction of this database.</summary>
    public Locks.LockManager Locks { get; } = new();

    /// <summary>Opens the database on <paramref name="volume"/> (which this database then owns), formatting it on first use.</summary>
    public static async Task<Database> OpenAsync(StorageVolume volume, DatabaseOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(volume);
        options ??= new DatabaseOptions();
        var pool = new BufferPool(volume, options.BufferPoolFrames);
        try
        {
            var database = new Database(pool, options, volume.Vdl.Value);
            await database.OpenDirectoryAsync(cancellationToken).ConfigureAwait(false);
            return database;
        }
        catch
        {
            pool.Dispose();
            throw;
        }
    }

    /// <summary>Begins a transaction. Its snapshot is taken at its first consistent read, as InnoDB's.</summary>
    public Transaction Begin(IsolationLevel isolation = IsolationLevel.RepeatableRead, bool readOnly = false)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new Transaction(this, new TransactionId((ulong)Interlocked.Increment(ref _nextTransaction)), isolation, readOnly) { LockWaitTimeout = Options.LockWaitTimeout };
    }

    /// <summary>The newest stamp whose commit is durable: what a snapshot taken now sees.</summary>
    internal ulong VisibleStamp
    {
        get { lock (_gate) return _visible; }
    }

    internal ulong OpenSnapshot()
    {
        lock (_gate)
        {
            var stamp = _visible;
            _openSnapshots[stamp] = _openSnapshots.GetValueOrDefault(stamp) + 1;
            return stamp;
        }
    }

    internal void CloseSnapshot(ulong stamp)
    {
        lock (_gate)
        {
            if (!_openSnapshots.TryGetValue(stamp, out var count)) return;
            if (count == 1) _openSnapshots.Remove(stamp);
            else _openSnapshots[stamp] = count - 1;
        }
        CollectOldVersions();
    }

    /// <summary>The next commit stamp. Called with the change gate held, so stamps follow commit order.</summary>
    internal ulong TakeStamp()
    {
        lock (_gate) return ++_lastStamp;
    }

    /// <summary>A commit is durable: snapshots from now on see it (and, stamps being in LSN order, everything before it).</summary>
    internal void MarkDurable(ulong stamp)
    {
        lock (_gate)
            if (stamp > _visible) _visible = stamp;
        CollectOldVersions();
    }

    /// <summary>The oldest snapshot anyone holds or could take now; nothing at or after it may be forgotten.</summary>
    internal ulong Horizon
    {
        get
        {
            lock (_gate)
            {
                var horizon = _visible;
                foreach (var open in _openSnapshots.Keys)
                {
                    if (open < horizon) horizon = open;
                    break;
                }
                return horizon;
            }
        }
    }

    private void CollectOldVersions()
    {
        var horizon = Horizon;
        Versions.Collect(horizon);
        SchedulePurge(horizon);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await StopPurgeAsync().ConfigureAwait(false);
        Locks.Dispose();
        var volume = Pool.Volume;
        Pool.Dispose();
        await volume.DisposeAsync().ConfigureAwait(false);
    }
}
