using System.Buffers.Binary;
using Borealis.Common;
using Borealis.Engine.Buffers;
using Borealis.Redo;

namespace Borealis.Engine.Pages;

/// <summary>
/// Hands out pages of the volume inside a mini-transaction, so an allocation is durable exactly
/// when the change that uses the page is. Its state lives in page 0:
/// <code>
/// 32  u8  kind = AllocatorMetadata
/// 40  u64 next page never handed out (FirstAllocatable on a fresh volume)
/// 48  u64 head of the free list (0 = empty)
/// </code>
/// A freed page becomes kind Free with the next free page at offset 40. Pages 1 to
/// FirstAllocatable - 1 are never handed out: they are for roots known in advance.
/// </summary>
public sealed class PageAllocator
{
    public static readonly PageId MetadataPage = new(0);
    public const ulong FirstAllocatable = 16;
    private const int NextNeverUsedOffset = PageFrame.HeaderSize + 8;
    private const int FreeHeadOffset = PageFrame.HeaderSize + 16;
    private const int FreeNextOffset = PageFrame.HeaderSize + 8;

    private readonly ChangeScope _scope;

    internal PageAllocator(ChangeScope scope) => _scope = scope;

    /// <summary>True for pages a caller may use as a fixed root.</summary>
    public static bool IsReserved(PageId page) => page.Value >= 1 && page.Value < FirstAllocatable;

    /// <summary>
    /// A page for new content, latched exclusively in the scope. Its bytes are whatever it held
    /// (empty when never used, the remains of a freed page otherwise): the caller formats it.
    /// </summary>
    public async ValueTask<PinnedPage> AllocateAsync(CancellationToken cancellationToken = default)
    {
        var meta = await _scope.LatchAsync(MetadataPage, cancellationToken).ConfigureAwait(false);
        var (next, freeHead) = Read(meta.Bytes);
        if (freeHead != 0)
        {
            var reused = await _scope.LatchAsync(new PageId(freeHead), cancellationToken).ConfigureAwait(false);
            if (EnginePage.Kind(reused.Bytes) != PageKind.Free)
                throw new InvalidDataException($"page {freeHead} heads the free list but is a {EnginePage.Kind(reused.Bytes)} page");
            Write(meta, next, BinaryPrimitives.ReadUInt64LittleEndian(reused.Bytes[FreeNextOffset..]));
            return reused;
        }
        var capacity = (ulong)_scope.Pool.Volume.Geometry.GroupCount * _scope.Pool.Volume.PagesPerGroup;
        if (next >= capacity) throw new VolumeFullException($"all {capacity} pages of volume {_scope.Pool.Volume.Id} are in use");
        Write(meta, next + 1, freeHead);
        return await _scope.LatchNeverWrittenAsync(new PageId(next), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts a page latched in the scope on the free list.</summary>
    public async ValueTask FreeAsync(PinnedPage page, CancellationToken cancellationToken = default)
    {
        var meta = await _scope.LatchAsync(MetadataPage, cancellationToken).ConfigureAwait(false);
        var (next, freeHead) = Read(meta.Bytes);
        Span<byte> header = stackalloc byte[16];
        header.Clear();
        header[0] = (byte)PageKind.Free;
        BinaryPrimitives.WriteUInt64LittleEndian(header[8..], freeHead);
        _scope.Writer.Write(page, PageFrame.HeaderSize, header);
        Write(meta, next, page.Id.Value);
    }

    private static (ulong Next, ulong FreeHead) Read(ReadOnlySpan<byte> meta) =>
        EnginePage.Kind(meta) == PageKind.Unused
            ? (FirstAllocatable, 0)
            : (BinaryPrimitives.ReadUInt64LittleEndian(meta[NextNeverUsedOffset..]), BinaryPrimitives.ReadUInt64LittleEndian(meta[FreeHeadOffset..]));

    private void Write(PinnedPage meta, ulong next, ulong freeHead)
    {
        Span<byte> body = stackalloc byte[24];
        body.Clear();
        body[0] = (byte)PageKind.AllocatorMetadata;
        BinaryPrimitives.WriteUInt64LittleEndian(body[8..], next);
        BinaryPrimitives.WriteUInt64LittleEndian(body[16..], freeHead);
        _scope.Writer.Write(meta, PageFrame.HeaderSize, body);
    }
}
