using Borealis.Common;
using Borealis.Engine.Buffers;
using Borealis.Volume;

namespace Borealis.Engine.Pages;

/// <summary>
/// One mini-transaction in progress: holds the pool's change gate, the pages it latched
/// exclusively (pinned until it ends), and the <see cref="PageWriter"/> that records its
/// changes. <see cref="CommitAsync"/> appends the redo while everything is still held;
/// disposing without committing rolls the frames back. Either way the latches, pins and gate
/// are released at dispose, and the caller then waits for durability outside the gate, so
/// other changes can be appended meanwhile (group commit).
/// </summary>
public sealed class ChangeScope : IAsyncDisposable
{
    private readonly BufferPool _pool;
    private readonly Dictionary<PageId, PinnedPage> _latched = [];
    private bool _committed;

    private ChangeScope(BufferPool pool)
    {
        _pool = pool;
        Writer = new PageWriter(pool.Volume);
        Allocator = new PageAllocator(this);
    }

    public PageWriter Writer { get; }
    public PageAllocator Allocator { get; }
    internal BufferPool Pool => _pool;

    public static async ValueTask<ChangeScope> BeginAsync(BufferPool pool, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pool);
        await pool.ChangeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new ChangeScope(pool);
    }

    /// <summary>Pins and latches <paramref name="page"/> exclusively for the rest of the scope (once).</summary>
    public async ValueTask<PinnedPage> LatchAsync(PageId page, CancellationToken cancellationToken = default)
    {
        if (_latched.TryGetValue(page, out var held)) return held;
        var pinned = await _pool.PinAsync(page, PageAccess.Normal, cancellationToken).ConfigureAwait(false);
        return await HoldAsync(pinned).ConfigureAwait(false);
    }

    internal async ValueTask<PinnedPage> LatchNeverWrittenAsync(PageId page, CancellationToken cancellationToken)
    {
        if (_latched.TryGetValue(page, out var held)) return held;
        var pinned = await _pool.PinNeverWrittenAsync(page, cancellationToken).ConfigureAwait(false);
        return await HoldAsync(pinned).ConfigureAwait(false);
    }

    private async ValueTask<PinnedPage> HoldAsync(PinnedPage pinned)
    {
        try { await pinned.Latch.AcquireExclusiveAsync().ConfigureAwait(false); }
        catch
        {
            pinned.Dispose();
            throw;
        }
        _latched.Add(pinned.Id, pinned);
        return pinned;
    }

    /// <summary>Appends the redo of every change made in this scope; zero when there was none.</summary>
    public async ValueTask<Lsn> CommitAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var lsn = await Writer.AppendAsync(cancellationToken).ConfigureAwait(false);
            _committed = true;
            return lsn;
        }
        catch (VolumeFencedException e)
        {
            // This change is rolled back, but earlier ones of this writer may sit in frames unconfirmed.
            _pool.MarkFenced(e);
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!_committed) Writer.Rollback();
        foreach (var page in _latched.Values)
        {
            page.Latch.ReleaseExclusive();
            page.Dispose();
        }
        _latched.Clear();
        Writer.Dispose();
        _pool.ChangeGate.Release();
        return ValueTask.CompletedTask;
    }
}
