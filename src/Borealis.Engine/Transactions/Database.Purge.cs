using System.Collections.Concurrent;
using Borealis.Engine.BTrees;
using Borealis.Engine.Locks;
using Borealis.Engine.Pages;

namespace Borealis.Engine.Transactions;

public sealed partial class Database
{
    /// <summary>Deleted keys, in commit order: their tombstones go once no snapshot can see behind them.</summary>
    private readonly ConcurrentQueue<(IndexTree Index, byte[] Key, ulong Stamp)> _tombstones = new();
    private readonly CancellationTokenSource _stopPurge = new();
    private Task _purge = Task.CompletedTask;
    private int _purging;
    private const int PurgeBatch = 64;

    private int _purgeInFlight;

    /// <summary>Tombstones queued or being purged right now.</summary>
    public long PendingPurge => _tombstones.Count + Volatile.Read(ref _purgeInFlight);

    internal void EnqueueTombstone(IndexTree index, byte[] key, ulong stamp) => _tombstones.Enqueue((index, key, stamp));

    private void SchedulePurge(ulong horizon)
    {
        if (!_tombstones.TryPeek(out var oldest) || oldest.Stamp > horizon || _stopPurge.IsCancellationRequested) return;
        if (Interlocked.Exchange(ref _purging, 1) != 0) return;
        _purge = Task.Run(() => PurgeAsync(_stopPurge.Token));
    }

    /// <summary>
    /// Removes tombstones that no snapshot needs, a bounded batch per mini-transaction. A key
    /// written again since keeps its newer version: only the very tombstone queued goes.
    /// </summary>
    private async Task PurgeAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var horizon = Horizon;
                var batch = new List<(IndexTree Index, byte[] Key, ulong Stamp)>(PurgeBatch);
                while (batch.Count < PurgeBatch && _tombstones.TryPeek(out var next) && next.Stamp <= horizon && _tombstones.TryDequeue(out next))
                    batch.Add(next);
                if (batch.Count == 0) return;
                Volatile.Write(ref _purgeInFlight, batch.Count);
                // The gap below a purged key joins the next key's gap, so its gap locks move there
                // first (a scan cannot run inside the scope, which latches the path exclusively). If
                // the tombstone turns out to be gone already, the extra locks only make others wait
                // a little longer, never less.
                foreach (var (index, key, _) in batch)
                {
                    var next = await index.Tree.FirstKeyAsync(new KeyRange(KeyBound.Above(key), null), ScanDirection.Forward, stop).ConfigureAwait(false);
                    Locks.OnRecordRemoved(LockTarget.OfRecord(index.Id, key), next is null ? LockTarget.SupremumOf(index.Id) : LockTarget.OfRecord(index.Id, next));
                }
                var scope = await ChangeScope.BeginAsync(Pool, stop).ConfigureAwait(false);
                await using (scope.ConfigureAwait(false))
                {
                    foreach (var (index, key, stamp) in batch)
                    {
                        lock (_indexes)
                            if (!_indexes.ContainsKey(index.Id)) continue;
                        await index.Tree.DeleteIfAsync(scope, key, v => StoredVersion.IsTombstone(v) && StoredVersion.Stamp(v) == stamp, stop).ConfigureAwait(false);
                    }
                    await scope.CommitAsync(stop).ConfigureAwait(false);
                }
                Volatile.Write(ref _purgeInFlight, 0);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        catch (ObjectDisposedException) when (stop.IsCancellationRequested) { }
        finally
        {
            Volatile.Write(ref _purgeInFlight, 0);
            Volatile.Write(ref _purging, 0);
        }
    }

    private async Task StopPurgeAsync()
    {
        await _stopPurge.CancelAsync().ConfigureAwait(false);
        try { await _purge.ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        _stopPurge.Dispose();
        _ddl.Dispose();
        _sequenceGate.Dispose();
    }
}
