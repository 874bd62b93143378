using Borealis.Common;
using Borealis.Redo;

namespace Borealis.Streams.Storage;

/// <summary>
/// The writer's own copy of the last pages of a shard's log, kept as it appends: consumers that
/// keep up read the pages they need from here instead of from the fleet, which spares a storage
/// round trip and a page materialization per GetRecords at the tip, and a fresh 16 KiB array per
/// page read. Fixed slots (page number modulo the slot count), allocated once; a slot is valid
/// only for a page the writer began in this process, so it holds every byte of the page up to the
/// log's tail. Readers copy a page out under the lock and never read past the durable tail, so
/// bytes of appends not yet durable are never seen.
/// </summary>
internal sealed class TailPageRing(int slots)
{
    private readonly byte[] _pages = new byte[slots * PageFrame.PageSize];
    private readonly ulong[] _pageIds = Enumerable.Repeat(ulong.MaxValue, slots).ToArray();
    private readonly Lock _lock = new();

    /// <summary>The writer starts a page: its slot now belongs to it.</summary>
    public void Begin(PageId page)
    {
        lock (_lock) _pageIds[Slot(page)] = page.Value;
    }

    /// <summary>The writer puts bytes at <paramref name="offset"/> of a page it began (else nothing: that page is read from the fleet).</summary>
    public void Write(PageId page, int offset, ReadOnlySpan<byte> bytes)
    {
        lock (_lock)
        {
            var slot = Slot(page);
            if (_pageIds[slot] == page.Value) bytes.CopyTo(_pages.AsSpan(slot * PageFrame.PageSize + offset));
        }
    }

    /// <summary>Copies the page into <paramref name="destination"/> if a slot holds it.</summary>
    public bool TryCopy(PageId page, Span<byte> destination)
    {
        lock (_lock)
        {
            var slot = Slot(page);
            if (_pageIds[slot] != page.Value) return false;
            _pages.AsSpan(slot * PageFrame.PageSize, PageFrame.PageSize).CopyTo(destination);
            return true;
        }
    }

    private int Slot(PageId page) => (int)(page.Value % (ulong)_pageIds.Length);
}
