using System.Buffers.Binary;
using Borealis.Common;

namespace Borealis.Redo;

/// <summary>
/// The 16 KiB page every layer shares. Layout (little-endian):
/// <code>
///  0  u32 crc32c of bytes 4..PageSize
///  4  u32 format (FormatMagic; 0 on a page never written)
///  8  u64 page id
/// 16  u64 page LSN: the LSN of the last redo record applied
/// 24  u64 reserved for the owner of the page (engine page type etc.)
/// 32  body
/// </code>
/// A page that was never written reads as all zeros except id and a valid CRC.
/// </summary>
public static class PageFrame
{
    public const int PageSize = 16 * 1024;
    public const int HeaderSize = 32;
    public const int BodySize = PageSize - HeaderSize;
    public const uint FormatMagic = 0x31475042; // "BPG1"

    public static PageId GetPageId(ReadOnlySpan<byte> page) => new(BinaryPrimitives.ReadUInt64LittleEndian(page[8..]));
    public static Lsn GetLsn(ReadOnlySpan<byte> page) => new(BinaryPrimitives.ReadUInt64LittleEndian(page[16..]));
    public static void SetLsn(Span<byte> page, Lsn lsn) => BinaryPrimitives.WriteUInt64LittleEndian(page[16..], lsn.Value);

    /// <summary>Formats an empty page: the image of a page before its first redo record.</summary>
    public static void InitializeEmpty(Span<byte> page, PageId id)
    {
        if (page.Length != PageSize) throw new ArgumentException("a page is exactly PageSize bytes", nameof(page));
        page.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(page[4..], FormatMagic);
        BinaryPrimitives.WriteUInt64LittleEndian(page[8..], id.Value);
    }

    /// <summary>Computes and stores the CRC; call before a page leaves memory.</summary>
    public static void Seal(Span<byte> page) =>
        BinaryPrimitives.WriteUInt32LittleEndian(page, Crc32C.Compute(page[4..PageSize]));

    public static bool Verify(ReadOnlySpan<byte> page) =>
        page.Length == PageSize
        && BinaryPrimitives.ReadUInt32LittleEndian(page[4..]) == FormatMagic
        && BinaryPrimitives.ReadUInt32LittleEndian(page) == Crc32C.Compute(page[4..PageSize]);
}
