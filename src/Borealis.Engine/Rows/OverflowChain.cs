using Borealis.Common;
using Borealis.Engine.Buffers;
using Borealis.Engine.Pages;

namespace Borealis.Engine.Rows;

/// <summary>
/// Values too long for their row live in a chain of overflow pages (<see cref="OverflowPage"/>),
/// the row keeping an <see cref="OverflowRef"/>. A chain is written and freed in
/// mini-transactions of its own, each touching at most <see cref="PagesPerMtr"/> pages (fewer
/// with a small pool), so a 64 MiB value never needs thousands of frames pinned at once.
/// <para>Order of operations, and what a crash leaves:</para>
/// <list type="bullet">
/// <item>Write the chain (<see cref="WriteAsync"/>, durable when it returns), then write the row
/// that references it in the caller's MTR. A crash in between leaves an unreferenced chain:
/// its pages are lost to the allocator until a sweep reclaims them (not built). A write that
/// fails without a crash frees what it wrote.</item>
/// <item>Commit the MTR that drops the reference (row deleted, or updated to another value),
/// then free the chain (<see cref="FreeAsync(BufferPool, OverflowRef, CancellationToken)"/>) — once
/// no reader can still need it (MVCC: no snapshot sees the old row). A crash while freeing
/// leaves the rest of the chain unreferenced, never a reference to a freed page. A short chain
/// may instead be freed inside the MTR that drops the reference
/// (<see cref="FreeAsync(ChangeScope, OverflowRef, CancellationToken)"/>).</item>
/// </list>
/// </summary>
public static class OverflowChain
{
    /// <summary>Most pages one mini-transaction of a chain writes or frees.</summary>
    public const int PagesPerMtr = 64;

    /// <summary>Bytes of a value each overflow page holds.</summary>
    public const int PageCapacity = OverflowPage.Capacity;

    /// <summary>Pages a chain of <paramref name="length"/> bytes takes (an empty value takes one).</summary>
    public static long PageCount(long length) => Math.Max(1, (length + PageCapacity - 1) / PageCapacity);

    /// <summary>
    /// Writes <paramref name="value"/> into a new chain and returns its reference; durable when it
    /// returns. The chain is written from its last page back to its first, so each page's
    /// successor is known when it is written and no page is ever rewritten. Call it outside any
    /// <see cref="ChangeScope"/>: each of its MTRs takes the pool's change gate.
    /// </summary>
    public static async ValueTask<OverflowRef> WriteAsync(BufferPool pool, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var batch = BatchSize(pool);
        var pages = PageCount(value.Length);
        var next = default(PageId);
        var lsn = Lsn.Zero;
        var header = new byte[OverflowPage.HeaderLength];
        try
        {
            for (var end = pages; end > 0; end -= batch)
            {
                var start = Math.Max(0, end - batch);
                var scope = await ChangeScope.BeginAsync(pool, cancellationToken).ConfigureAwait(false);
                await using (scope.ConfigureAwait(false))
                {
                    var written = next;
                    for (var i = end - 1; i >= start; i--)
                    {
                        var page = await scope.Allocator.AllocateAsync(cancellationToken).ConfigureAwait(false);
                        var offset = i * PageCapacity;
                        var data = value.Span.Slice((int)offset, (int)Math.Min(PageCapacity, value.Length - offset));
                        OverflowPage.WriteHeader(header, data.Length, written);
                        scope.Writer.Write(page, Redo.PageFrame.HeaderSize, header);
                        scope.Writer.Write(page, OverflowPage.DataOffset, data);
                        written = page.Id;
                    }
                    lsn = await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
                    next = written;
                }
            }
            // Earlier MTRs are below this LSN: one wait makes the whole chain durable.
            await pool.WaitDurableAsync(lsn, cancellationToken).ConfigureAwait(false);
        }
        catch when (next != default)
        {
            await TryFreeTailAsync(pool, next, value.Length).ConfigureAwait(false);
            throw;
        }
        return new OverflowRef(next, value.Length);
    }

    /// <summary>Best effort after a failed write: the written tail is unreferenced, give it back.</summary>
    private static async ValueTask TryFreeTailAsync(BufferPool pool, PageId first, long length)
    {
        try { await FreeAsync(pool, new OverflowRef(first, length), CancellationToken.None).ConfigureAwait(false); }
#pragma warning disable CA1031 // The write's own exception is what the caller must see; the pages stay leaked, as after a crash.
        catch (Exception) { }
#pragma warning restore CA1031
    }

    /// <summary>
    /// Frees a chain no row references any more, in mini-transactions of its own; durable when
    /// it returns. The pages go to the allocator's free list. Outside any <see cref="ChangeScope"/>.
    /// </summary>
    public static async ValueTask FreeAsync(BufferPool pool, OverflowRef chain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var batch = BatchSize(pool);
        var next = chain.First;
        var lsn = Lsn.Zero;
        var left = PageCount(chain.Length);
        while (next != default)
        {
            var scope = await ChangeScope.BeginAsync(pool, cancellationToken).ConfigureAwait(false);
            await using (scope.ConfigureAwait(false))
            {
                for (var i = 0; i < batch && next != default; i++, left--)
                {
                    CheckNotPastEnd(left, chain);
                    next = await FreePageAsync(scope, next, cancellationToken).ConfigureAwait(false);
                }
                lsn = await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        await pool.WaitDurableAsync(lsn, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Frees a chain inside the caller's mini-transaction (which then holds every page of it):
    /// for short chains only, at most <see cref="PagesPerMtr"/> pages.
    /// </summary>
    public static async ValueTask FreeAsync(ChangeScope scope, OverflowRef chain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (PageCount(chain.Length) > PagesPerMtr)
            throw new ArgumentException($"a chain of {PageCount(chain.Length)} pages is freed in MTRs of its own (FreeAsync(BufferPool, ...))", nameof(chain));
        var next = chain.First;
        for (var left = PageCount(chain.Length); next != default; left--)
        {
            CheckNotPastEnd(left, chain);
            next = await FreePageAsync(scope, next, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A chain longer than its length needs is corrupt (perhaps a cycle): stop rather than free what is not ours.</summary>
    internal static void CheckNotPastEnd(long pagesLeft, OverflowRef chain)
    {
        if (pagesLeft <= 0) throw new InvalidDataException($"overflow chain at page {chain.First} has more than the {PageCount(chain.Length)} pages its {chain.Length} bytes need");
    }

    private static async ValueTask<PageId> FreePageAsync(ChangeScope scope, PageId id, CancellationToken cancellationToken)
    {
        var page = await scope.LatchAsync(id, cancellationToken).ConfigureAwait(false);
        var (_, next) = OverflowPage.Read(page.Frame.Bytes, id);
        await scope.Allocator.FreeAsync(page, cancellationToken).ConfigureAwait(false);
        return next;
    }

    /// <summary>Copies the whole value into <paramref name="destination"/> (at least <see cref="OverflowRef.Length"/> bytes).</summary>
    public static async ValueTask ReadAsync(BufferPool pool, OverflowRef chain, Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (destination.Length < chain.Length) throw new ArgumentException($"the value has {chain.Length} bytes, the destination {destination.Length}", nameof(destination));
        using var stream = OpenRead(pool, chain);
        var at = 0;
        while (at < chain.Length)
        {
            var read = await stream.ReadAsync(destination[at..(int)chain.Length], cancellationToken).ConfigureAwait(false);
            if (read == 0) throw new InvalidDataException($"overflow chain at page {chain.First} ends after {at} of {chain.Length} bytes");
            at += read;
        }
    }

    /// <summary>A forward-only stream over the value, reading one page at a time through the pool.</summary>
    public static Stream OpenRead(BufferPool pool, OverflowRef chain)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return new OverflowStream(pool, chain);
    }

    /// <summary>Pages per MTR: a quarter of the pool at most, so other work keeps frames.</summary>
    private static int BatchSize(BufferPool pool) => Math.Clamp(pool.FrameCount / 4, 1, PagesPerMtr);
}
