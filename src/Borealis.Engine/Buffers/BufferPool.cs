using Borealis.Common;
using Borealis.Redo;
using Borealis.Volume;

namespace Borealis.Engine.Buffers;

/// <summary>
/// A fixed number of 16 KiB frames caching the pages of one volume. A miss reads the page from
/// the fleet at the current VDL; the pool never writes a page anywhere, because every change to
/// a frame has already been sent as redo (no-steal, "the log is the database"). Evicting a
/// changed frame is therefore free, with one rule: a frame whose page LSN is past VDL stays,
/// since a re-read at VDL would not yet see its newest change.
/// Replacement is CLOCK with a protected hot set: a page pinned normally is hot, a page only
/// ever touched by scans (<see cref="PageAccess.Scan"/>) is cold. The hand evicts cold frames
/// first and leaves hot ones alone while they hold at most three quarters of the pool, so a
/// scan of a table bigger than the pool cycles through the cold quarter and the working set
/// stays. Past that share, hot frames age by reference bit as in plain CLOCK.
/// </summary>
public sealed class BufferPool : IDisposable
{
    /// <summary>
    /// Fewest frames a pool may have: a B+tree change pins its whole root-to-leaf path, a
    /// sibling, the allocator's page and the pages a split creates at every level.
    /// </summary>
    public const int MinimumFrames = 16;

    private readonly object _gate = new();
    private readonly BufferFrame[] _frames;
    private readonly Dictionary<PageId, BufferFrame> _table;
    private readonly int _maxHot;
    private int _hand;
    private int _hotCount;
    private long _hits;
    private long _misses;
    private long _evictions;
    private Exception? _fenced;

    public BufferPool(StorageVolume volume, int frameCount)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentOutOfRangeException.ThrowIfLessThan(frameCount, MinimumFrames);
        Volume = volume;
        var memory = GC.AllocateUninitializedArray<byte>(frameCount * PageFrame.PageSize, pinned: true);
        _frames = new BufferFrame[frameCount];
        for (var i = 0; i < frameCount; i++)
            _frames[i] = new BufferFrame(i, memory.AsMemory(i * PageFrame.PageSize, PageFrame.PageSize));
        _table = new Dictionary<PageId, BufferFrame>(frameCount);
        _maxHot = frameCount - frameCount / 4;
    }

    public StorageVolume Volume { get; }
    public int FrameCount => _frames.Length;

    /// <summary>
    /// Held by a mini-transaction from its first page change until the volume has given it its
    /// LSNs. Page-local redo must reach the log in the order the frames saw the changes; with one
    /// changing MTR at a time per volume it does, whichever tree or page the MTRs touch.
    /// </summary>
    internal SemaphoreSlim ChangeGate { get; } = new(1, 1);

    public long Hits => Interlocked.Read(ref _hits);
    public long Misses => Interlocked.Read(ref _misses);
    public long Evictions => Interlocked.Read(ref _evictions);

    /// <summary>Pins <paramref name="page"/>, reading it from the fleet at the current VDL on a miss.</summary>
    public ValueTask<PinnedPage> PinAsync(PageId page, PageAccess access = PageAccess.Normal, CancellationToken cancellationToken = default) =>
        PinCoreAsync(page, access, neverWritten: false, cancellationToken);

    /// <summary>
    /// Pins a page that has never been written (fresh from the allocator): on a miss the frame
    /// is formatted empty, exactly as a storage node presents such a page, without a read.
    /// </summary>
    internal ValueTask<PinnedPage> PinNeverWrittenAsync(PageId page, CancellationToken cancellationToken = default) =>
        PinCoreAsync(page, PageAccess.Normal, neverWritten: true, cancellationToken);

    private async ValueTask<PinnedPage> PinCoreAsync(PageId page, PageAccess access, bool neverWritten, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (Volatile.Read(ref _fenced) is { } fenced) throw new VolumeFencedException(fenced.Message, fenced);
            BufferFrame? frame;
            Task? waitForRoom = null;
            TaskCompletionSource? load = null;
            lock (_gate)
            {
                if (_table.TryGetValue(page, out frame))
                {
                    frame.PinCount++;
                    if (access == PageAccess.Normal)
                    {
                        frame.Referenced = true;
                        MakeHot(frame);
                    }
                    _hits++;
                }
                else
                {
                    frame = TakeVictim(out waitForRoom);
                    if (frame is not null)
                    {
                        frame.Page = page;
                        frame.PinCount = 1;
                        frame.Referenced = access == PageAccess.Normal;
                        if (access == PageAccess.Normal) MakeHot(frame);
                        load = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                        frame.Loaded = load.Task;
                        _table[page] = frame;
                        _misses++;
                    }
                }
            }
            if (frame is null)
            {
                await waitForRoom!.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }
            // The read is shared by everyone waiting for this page, so it runs on its own and
            // each waiter cancels only its own wait.
            if (load is not null) _ = LoadAsync(frame, page, load, neverWritten);
            try { await frame.Loaded.WaitAsync(cancellationToken).ConfigureAwait(false); }
            catch
            {
                lock (_gate) frame.PinCount--;
                throw;
            }
            return new PinnedPage(this, frame);
        }
    }

    private async Task LoadAsync(BufferFrame frame, PageId page, TaskCompletionSource load, bool neverWritten)
    {
        try
        {
            if (neverWritten) PageFrame.InitializeEmpty(frame.Bytes.Span, page);
            else await Volume.ReadPageAsync(page, frame.Bytes, readPoint: null, CancellationToken.None).ConfigureAwait(false);
            load.SetResult();
        }
        catch (Exception e)
        {
            // The waiters see the failure and drop their pins; the frame is free once the last has.
            lock (_gate)
            {
                _table.Remove(page);
                Vacate(frame);
            }
            load.SetException(e);
        }
    }

    /// <summary>
    /// Picks a frame for a new page: a free one, else a cold one, else (once the hot set has
    /// outgrown its share, or nothing cold is left) a hot one whose reference bit the hand has
    /// already cleared — never a pinned frame, nor one whose changes are not yet durable. Null
    /// with <paramref name="waitForRoom"/> set when the only candidates wait for VDL. Under the lock.
    /// </summary>
    private BufferFrame? TakeVictim(out Task? waitForRoom)
    {
        waitForRoom = null;
        var vdl = Volume.Vdl;
        var oldestBlocked = Lsn.Max;
        // First turn: cold frames only, unless the hot set is over its share. Then two turns of
        // plain CLOCK over everything: the first may only clear reference bits.
        for (var step = 0; step < 3 * _frames.Length; step++)
        {
            var frame = _frames[_hand];
            _hand = (_hand + 1) % _frames.Length;
            if (frame.PinCount > 0) continue;
            if (frame.Page is not { } resident) return frame;
            if (frame.Hot)
            {
                if (step < _frames.Length && _hotCount <= _maxHot) continue;
                if (frame.Referenced)
                {
                    frame.Referenced = false;
                    continue;
                }
            }
            var lsn = frame.PageLsn;
            if (lsn > vdl)
            {
                oldestBlocked = Lsn.Min(oldestBlocked, lsn);
                continue;
            }
            _table.Remove(resident);
            Vacate(frame);
            _evictions++;
            return frame;
        }
        if (oldestBlocked != Lsn.Max)
        {
            waitForRoom = Volume.WaitDurableAsync(oldestBlocked);
            return null;
        }
        throw new BufferPoolExhaustedException($"all {_frames.Length} frames of the buffer pool are pinned");
    }

    private void MakeHot(BufferFrame frame)
    {
        if (frame.Hot) return;
        frame.Hot = true;
        _hotCount++;
    }

    private void Vacate(BufferFrame frame)
    {
        frame.Page = null;
        frame.Referenced = false;
        if (frame.Hot) _hotCount--;
        frame.Hot = false;
    }

    /// <summary>
    /// Waits until <paramref name="lsn"/> is durable. When a newer writer has fenced this one,
    /// frames may hold changes that were appended but will never be durable, so from then on
    /// the pool refuses every pin: a fenced writer must not answer from its cache.
    /// </summary>
    public async ValueTask WaitDurableAsync(Lsn lsn, CancellationToken cancellationToken = default)
    {
        try { await Volume.WaitDurableAsync(lsn, cancellationToken).ConfigureAwait(false); }
        catch (VolumeFencedException e)
        {
            MarkFenced(e);
            throw;
        }
    }

    internal void MarkFenced(VolumeFencedException e) => Interlocked.CompareExchange(ref _fenced, e, null);

    internal void Unpin(BufferFrame frame)
    {
        lock (_gate)
        {
            if (frame.PinCount <= 0) throw new InvalidOperationException($"frame {frame.Index} unpinned more often than pinned");
            frame.PinCount--;
        }
    }

    /// <summary>The pages resident now, for tests and diagnostics.</summary>
    public IReadOnlyList<PageId> ResidentPages()
    {
        lock (_gate) return [.. _table.Keys];
    }

    public bool IsResident(PageId page)
    {
        lock (_gate) return _table.ContainsKey(page);
    }

    public void Dispose() => ChangeGate.Dispose();
}
