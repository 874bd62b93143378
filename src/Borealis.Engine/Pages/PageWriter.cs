using System.Buffers;
using Borealis.Common;
using Borealis.Engine.Buffers;
using Borealis.Redo;
using Borealis.Volume.Writing;

namespace Borealis.Engine.Pages;

/// <summary>
/// The one way the engine changes a page: each write is applied to the frame and remembered,
/// and <see cref="AppendAsync"/> turns the changes of every page into the redo of one
/// mini-transaction — WriteBytes records for the changed byte runs, or one PageImage when the
/// page changed nearly everywhere (<see cref="PlanRedo"/>) — then stamps each frame with the
/// LSN of its last record. Storage nodes rebuild a page from that redo with
/// <see cref="RedoApply"/>, so their page is byte-identical to the frame. Before-images of the
/// touched pages let a failed operation put its frames back. One per <see cref="ChangeScope"/>.
/// </summary>
public sealed class PageWriter : IDisposable
{
    /// <summary>
    /// An unchanged gap shorter than a record's header and offset costs less inside a run than
    /// as the boundary between two records.
    /// </summary>
    private const int MergeGap = RedoRecord.HeaderSize + 2;
    internal const int ImageCost = RedoRecord.HeaderSize + PageFrame.PageSize;

    private readonly StorageVolume _volume;
    private readonly MiniTransaction _mtr = new();
    private readonly List<PageChanges> _pages = [];

    private sealed class PageChanges(PinnedPage page, byte[] before)
    {
        public PinnedPage Page { get; } = page;
        public byte[] Before { get; } = before;
        public List<(int Start, int End)> Runs { get; } = [];
        public int LastRecord = -1;
    }

    internal PageWriter(StorageVolume volume) => _volume = volume;

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/> of a page latched exclusively.</summary>
    public void Write(PinnedPage page, int offset, ReadOnlySpan<byte> data)
    {
        if (offset < PageFrame.HeaderSize || offset + data.Length > PageFrame.PageSize)
            throw new ArgumentOutOfRangeException(nameof(offset), $"{data.Length} bytes at {offset} fall outside the page body");
        if (!page.Latch.IsHeldExclusively) throw new InvalidOperationException($"page {page.Id} is changed without its exclusive latch");
        var changes = Track(page);
        var target = page.Bytes.Slice(offset, data.Length);
        var i = 0;
        while (i < data.Length)
        {
            i += target[i..].CommonPrefixLength(data[i..]);
            if (i >= data.Length) break;
            var start = i;
            var lastDifferent = i;
            for (var j = i + 1; j < data.Length && j - lastDifferent <= MergeGap; j++)
                if (target[j] != data[j]) lastDifferent = j;
            changes.Runs.Add((offset + start, offset + lastDifferent + 1));
            i = lastDifferent + 1;
        }
        data.CopyTo(target);
    }

    private PageChanges Track(PinnedPage page)
    {
        foreach (var p in _pages)
            if (p.Page == page) return p;
        var before = ArrayPool<byte>.Shared.Rent(PageFrame.PageSize);
        page.Bytes.CopyTo(before);
        var changes = new PageChanges(page, before);
        _pages.Add(changes);
        return changes;
    }

    /// <summary>
    /// Sends the changes as one mini-transaction (not waiting for durability) and stamps the
    /// frames; returns the LSN to wait on, or zero when nothing changed. The caller still holds
    /// the latches and the change gate, so no other change to these pages can come between.
    /// </summary>
    public async ValueTask<Lsn> AppendAsync(CancellationToken cancellationToken = default)
    {
        _mtr.Clear();
        foreach (var p in _pages) EmitRedo(p);
        if (_mtr.Count == 0)
        {
            Forget();
            return Lsn.Zero;
        }
        var last = await _volume.AppendAsync(_mtr, cancellationToken).ConfigureAwait(false);
        // The volume numbers an MTR's records consecutively, ending at the returned LSN.
        var first = last.Value - (ulong)(_mtr.Count - 1);
        foreach (var p in _pages)
            if (p.LastRecord >= 0) PageFrame.SetLsn(p.Page.Bytes, new Lsn(first + (ulong)p.LastRecord));
        Forget();
        return last;
    }

    private void EmitRedo(PageChanges p)
    {
        if (p.Runs.Count == 0) return;
        var (runs, image) = PlanRedo(p.Runs);
        var bytes = p.Page.Bytes;
        if (image) _mtr.PageImage(p.Page.Id, bytes);
        else
            foreach (var (start, end) in runs) _mtr.WriteBytes(p.Page.Id, start, bytes[start..end]);
        p.LastRecord = _mtr.Count - 1;
    }

    /// <summary>
    /// Merges runs closer than a record header and decides between WriteBytes records and one
    /// image. Merged runs never cost more than an image (one run over the whole body is 30 bytes
    /// smaller), so "the smaller one" alone would never pick an image; an image is taken once
    /// the records reach 7/8 of its size: at most 1/7 more bytes, and the page becomes
    /// self-contained in the log (a node can rebuild it without any older version).
    /// </summary>
    internal static (List<(int Start, int End)> Runs, bool Image) PlanRedo(List<(int Start, int End)> runs)
    {
        runs.Sort();
        var merged = new List<(int Start, int End)>(runs.Count);
        foreach (var run in runs)
        {
            if (merged.Count > 0 && run.Start - merged[^1].End <= MergeGap)
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, run.End));
            else merged.Add(run);
        }
        var cost = 0;
        foreach (var (start, end) in merged) cost += RedoRecord.HeaderSize + 2 + (end - start);
        return (merged, cost * 8 >= ImageCost * 7);
    }

    /// <summary>Puts every touched frame back as it was before this writer's first change.</summary>
    public void Rollback()
    {
        foreach (var p in _pages) p.Before.AsSpan(0, PageFrame.PageSize).CopyTo(p.Page.Bytes);
        Forget();
    }

    private void Forget()
    {
        foreach (var p in _pages) ArrayPool<byte>.Shared.Return(p.Before);
        _pages.Clear();
    }

    public void Dispose()
    {
        Forget();
        _mtr.Dispose();
    }
}
