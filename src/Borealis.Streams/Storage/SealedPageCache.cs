using System.Collections.Concurrent;
using Borealis.Common;

namespace Borealis.Streams.Storage;

/// <summary>
/// Keeps recently read pages that the log has moved past: they never change again, so consumers
/// polling a shard re-read them from memory instead of the fleet. Bounded; when full it starts over,
/// which is crude but cannot grow and costs nothing per hit.
/// </summary>
internal sealed class SealedPageCache(int capacity)
{
    private readonly ConcurrentDictionary<ulong, byte[]> _pages = new();

    public bool TryGet(PageId page, out byte[] image) => _pages.TryGetValue(page.Value, out image!);

    /// <summary>Drops the pages before <paramref name="first"/>: trimmed, never read again.</summary>
    public void Forget(PageId first)
    {
        foreach (var page in _pages.Keys)
            if (page < first.Value) _pages.TryRemove(page, out _);
    }

    public void Add(PageId page, byte[] image)
    {
        if (_pages.Count >= capacity) _pages.Clear();
        _pages[page.Value] = image;
    }
}
