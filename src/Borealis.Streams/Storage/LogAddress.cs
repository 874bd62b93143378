using Borealis.Common;
using Borealis.Redo;

namespace Borealis.Streams.Storage;

/// <summary>
/// Where a byte of a shard's log lives: the log is one run of bytes laid over the bodies of
/// pages 1, 2, 3, ... (page 0 is the <see cref="ShardHeader"/>), so a record may span pages.
/// </summary>
internal static class LogAddress
{
    public const int BytesPerPage = PageFrame.BodySize;

    public static PageId PageOf(ulong position) => new(1 + position / BytesPerPage);

    public static int OffsetInPage(ulong position) => PageFrame.HeaderSize + (int)(position % BytesPerPage);

    /// <summary>The log position of the first body byte of a data page.</summary>
    public static ulong StartOf(PageId page) => (page.Value - 1) * BytesPerPage;

    /// <summary>True once the log has moved past the page, so nothing will change it again.</summary>
    public static bool IsSealed(PageId page, ulong tail) => StartOf(page) + BytesPerPage <= tail;
}
