using System.Buffers.Binary;
using Borealis.Common;
using Borealis.Engine.Pages;
using Borealis.Redo;

namespace Borealis.Engine.Rows;

/// <summary>
/// One page of an overflow chain (little-endian):
/// <code>
/// 32  u8  kind = Overflow (5)
/// 36  u32 bytes of the value on this page
/// 40  u64 next page of the chain, 0 on the last
/// 48      the bytes (up to Capacity)
/// </code>
/// </summary>
internal static class OverflowPage
{
    public const int LengthOffset = PageFrame.HeaderSize + 4;
    public const int NextOffset = PageFrame.HeaderSize + 8;
    public const int DataOffset = PageFrame.HeaderSize + 16;
    public const int Capacity = PageFrame.PageSize - DataOffset;
    public const int HeaderLength = DataOffset - PageFrame.HeaderSize;

    public static void WriteHeader(Span<byte> header, int length, PageId next)
    {
        header.Clear();
        header[0] = (byte)PageKind.Overflow;
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], length);
        BinaryPrimitives.WriteUInt64LittleEndian(header[8..], next.Value);
    }

    /// <summary>The bytes on the page and the next page; throws on anything but an overflow page.</summary>
    public static (ReadOnlyMemory<byte> Data, PageId Next) Read(ReadOnlyMemory<byte> page, PageId id)
    {
        var span = page.Span;
        if (EnginePage.Kind(span) != PageKind.Overflow) throw new InvalidDataException($"page {id} is a {EnginePage.Kind(span)} page, not part of an overflow chain");
        var length = BinaryPrimitives.ReadInt32LittleEndian(span[LengthOffset..]);
        if (length is < 0 or > Capacity) throw new InvalidDataException($"overflow page {id} claims {length} bytes");
        return (page.Slice(DataOffset, length), new PageId(BinaryPrimitives.ReadUInt64LittleEndian(span[NextOffset..])));
    }
}
