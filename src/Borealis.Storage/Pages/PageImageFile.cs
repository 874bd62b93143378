using System.Buffers;
using Borealis.Common;
using Borealis.Redo;
using Microsoft.Win32.SafeHandles;

namespace Borealis.Storage.Pages;

/// <summary>
/// Materialized page images of a segment in one sparse file, two slots per page. A new image
/// always goes to the slot not holding the current one, so a write torn by a crash leaves the
/// previous image intact; on first access the valid slot with the newer LSN wins.
/// </summary>
public sealed class PageImageFile : IDisposable
{
    private readonly SafeFileHandle _file;
    private readonly ulong _firstPage;
    private readonly ulong _pageCount;
    private readonly Dictionary<ulong, SlotState> _slots = [];
    private readonly object _gate = new();

    private readonly record struct SlotState(int Current, Lsn Lsn, bool Present);

    public PageImageFile(string path, ulong firstPage, ulong pageCount)
    {
        _file = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        _firstPage = firstPage;
        _pageCount = pageCount;
    }

    public bool Contains(PageId page) => page.Value >= _firstPage && page.Value - _firstPage < _pageCount;

    /// <summary>Pages that have an image on disk (looked up by scanning the file's extent).</summary>
    public ulong MaxSlotPages => (ulong)(RandomAccess.GetLength(_file) / (2 * PageFrame.PageSize));

    /// <summary>Reads the current image of <paramref name="page"/> into <paramref name="destination"/>; an empty page if none. False when both slots hold damaged images.</summary>
    public bool TryLoad(PageId page, Span<byte> destination)
    {
        var state = State(page, destination);
        if (!state.Present)
        {
            PageFrame.InitializeEmpty(destination, page);
            return true;
        }
        if (state.Current < 0) return false;
        return ReadSlot(page, state.Current, destination) && PageFrame.Verify(destination) && PageFrame.GetPageId(destination) == page;
    }

    /// <summary>Writes a new image to the spare slot; it becomes current once <see cref="Flush"/> has run and <see cref="Publish"/> is called.</summary>
    public int WriteSpare(PageId page, ReadOnlySpan<byte> sealedImage, Span<byte> scratch)
    {
        var state = State(page, scratch);
        var spare = state.Current == 0 ? 1 : 0;
        RandomAccess.Write(_file, sealedImage, Offset(page, spare));
        return spare;
    }

    public void Flush() => RandomAccess.FlushToDisk(_file);

    public void Publish(PageId page, int slot, Lsn lsn)
    {
        lock (_gate) _slots[page.Value] = new SlotState(slot, lsn, true);
    }

    /// <summary>Checks the current slot of a page: true when intact or absent.</summary>
    public bool Verify(PageId page, Span<byte> scratch) => TryLoad(page, scratch);

    private SlotState State(PageId page, Span<byte> scratch)
    {
        if (!Contains(page)) throw new ArgumentOutOfRangeException(nameof(page), page, "page is not in this segment");
        lock (_gate)
            if (_slots.TryGetValue(page.Value, out var known)) return known;
        var state = Discover(page, scratch);
        lock (_gate) _slots.TryAdd(page.Value, state);
        return state;
    }

    private SlotState Discover(PageId page, Span<byte> scratch)
    {
        var best = new SlotState(-1, Lsn.Zero, false);
        for (var slot = 0; slot < 2; slot++)
        {
            if (!ReadSlot(page, slot, scratch)) continue;
            if (scratch.IndexOfAnyExcept((byte)0) < 0) continue; // never written (sparse hole)
            best = best with { Present = true };
            if (PageFrame.Verify(scratch) && PageFrame.GetPageId(scratch) == page && (best.Current < 0 || PageFrame.GetLsn(scratch) > best.Lsn))
                best = new SlotState(slot, PageFrame.GetLsn(scratch), true);
        }
        return best;
    }

    private bool ReadSlot(PageId page, int slot, Span<byte> destination)
    {
        var n = 0;
        var offset = Offset(page, slot);
        while (n < PageFrame.PageSize)
        {
            var r = RandomAccess.Read(_file, destination[n..PageFrame.PageSize], offset + n);
            if (r == 0) break;
            n += r;
        }
        if (n < PageFrame.PageSize) destination[n..PageFrame.PageSize].Clear();
        return true;
    }

    private long Offset(PageId page, int slot) => checked((long)(page.Value - _firstPage) * 2 * PageFrame.PageSize + slot * PageFrame.PageSize);

    /// <summary>Forgets what is known of a page's slots (after a repair wrote them behind our back).</summary>
    public void Forget(PageId page)
    {
        lock (_gate) _slots.Remove(page.Value);
    }

    public static byte[] RentPage() => ArrayPool<byte>.Shared.Rent(PageFrame.PageSize);

    public void Dispose() => _file.Dispose();
}
