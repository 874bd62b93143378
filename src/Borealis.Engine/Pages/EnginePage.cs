using Borealis.Redo;

namespace Borealis.Engine.Pages;

/// <summary>Where the engine's own header starts: right after the shared page frame header.</summary>
internal static class EnginePage
{
    public const int KindOffset = PageFrame.HeaderSize;

    public static PageKind Kind(ReadOnlySpan<byte> page) => (PageKind)page[KindOffset];
}
