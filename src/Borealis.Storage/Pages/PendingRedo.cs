using Borealis.Common;
using Borealis.Redo;

namespace Borealis.Storage.Pages;

/// <summary>A redo record held in memory until its page is materialized: a slice of its batch's bytes.</summary>
public readonly record struct RedoSlice(Lsn Lsn, byte[] Batch, int Offset, int Length)
{
    public ReadOnlySpan<byte> Bytes => Batch.AsSpan(Offset, Length);
}

/// <summary>
/// The redo of each page newer than its materialized image, in LSN order. Not thread-safe:
/// the segment guards it.
/// </summary>
public sealed class PendingRedo
{
    private readonly Dictionary<ulong, List<RedoSlice>> _byPage = [];

    public int PageCount => _byPage.Count;
    public long RecordCount { get; private set; }

    public void Add(PageId page, RedoSlice slice)
    {
        if (!_byPage.TryGetValue(page.Value, out var list))
        {
            list = new List<RedoSlice>(4);
            _byPage.Add(page.Value, list);
        }
        list.Add(slice);
        RecordCount++;
    }

    /// <summary>Copies the records of a page with LSN at most <paramref name="through"/> into <paramref name="into"/>.</summary>
    public void Collect(PageId page, Lsn through, List<RedoSlice> into)
    {
        if (!_byPage.TryGetValue(page.Value, out var list)) return;
        foreach (var s in list)
        {
            if (s.Lsn > through) break;
            into.Add(s);
        }
    }

    /// <summary>Pages with at least one record at or below <paramref name="through"/>.</summary>
    public List<PageId> PagesWithRedoThrough(Lsn through)
    {
        var pages = new List<PageId>();
        foreach (var (page, list) in _byPage)
            if (list.Count > 0 && list[0].Lsn <= through) pages.Add(new PageId(page));
        return pages;
    }

    /// <summary>Drops the records of a page at or below <paramref name="through"/> (they are in its image now).</summary>
    public void DropThrough(PageId page, Lsn through)
    {
        if (!_byPage.TryGetValue(page.Value, out var list)) return;
        var n = 0;
        while (n < list.Count && list[n].Lsn <= through) n++;
        list.RemoveRange(0, n);
        RecordCount -= n;
        if (list.Count == 0) _byPage.Remove(page.Value);
    }

    /// <summary>Drops every record above <paramref name="keepThrough"/> (a truncation).</summary>
    public void DropAbove(Lsn keepThrough)
    {
        foreach (var (page, list) in _byPage.ToList())
        {
            var n = list.FindIndex(s => s.Lsn > keepThrough);
            if (n < 0) continue;
            RecordCount -= list.Count - n;
            list.RemoveRange(n, list.Count - n);
            if (list.Count == 0) _byPage.Remove(page);
        }
    }

    /// <summary>Applies records to a page image; returns the number applied.</summary>
    public static int ApplyAll(Span<byte> page, List<RedoSlice> slices)
    {
        var applied = 0;
        foreach (var s in slices)
        {
            // Slices come from batches whose CRC was checked when they arrived.
            if (!RedoRecord.TryReadWithinCheckedBatch(s.Bytes, out var record, out _))
                throw new InvalidDataException($"redo record {s.Lsn} is malformed in memory");
            if (RedoApply.Apply(page, record)) applied++;
        }
        return applied;
    }
}
