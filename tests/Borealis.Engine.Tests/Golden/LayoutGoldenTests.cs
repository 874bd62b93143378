using System.Buffers.Binary;
using Borealis.Common;
using Borealis.Engine.Buffers;
using Borealis.Engine.BTrees;
using Borealis.Engine.Keys;
using Borealis.Engine.Pages;
using Borealis.Redo;

namespace Borealis.Engine.Tests.Golden;

/// <summary>
/// Freezes what the engine puts in the log and so on disk: key bytes, page kinds, the node and
/// allocator layouts of docs/engine.md. A failure here means a format change, not a bug fix.
/// </summary>
public sealed class LayoutGoldenTests(FleetFixture fixture) : IClassFixture<FleetFixture>
{
    [Fact]
    public void Key_encodings_are_frozen()
    {
        Assert.Equal("00", Convert.ToHexString(new KeyWriter().AppendNull().Written));
        Assert.Equal("0180000001", Convert.ToHexString(new KeyWriter().AppendInt32(1).Written));
        Assert.Equal("017FFFFFFFFFFFFFFF", Convert.ToHexString(new KeyWriter().AppendInt64(-1).Written));
        Assert.Equal("01FFFE", Convert.ToHexString(new KeyWriter().AppendUInt16(0xFFFE).Written));
        Assert.Equal("016100FF0001", Convert.ToHexString(new KeyWriter().AppendBytes("a\0"u8).Written));
        Assert.Equal("01C3A90001", Convert.ToHexString(new KeyWriter().AppendString("é").Written));
        Assert.Equal("0102", Convert.ToHexString(new KeyWriter().AppendDecimal(0m).Written));
        // 12.5 = 0.125 × 10^2: exponent 2 + 128, pairs (1,2) = 11·1 + 3 + 1 and (5,-) = 11·5 + 0 + 1, end.
        Assert.Equal("0103820F3800", Convert.ToHexString(new KeyWriter().AppendDecimal(12.50m).Written));
        Assert.Equal("01017DF0C7FF", Convert.ToHexString(new KeyWriter().AppendDecimal(-12.5m).Written));
    }

    [Fact]
    public void Page_kinds_keep_their_values()
    {
        Assert.Equal(0, (byte)PageKind.Unused);
        Assert.Equal(1, (byte)PageKind.BTreeLeaf);
        Assert.Equal(2, (byte)PageKind.BTreeInternal);
        Assert.Equal(3, (byte)PageKind.AllocatorMetadata);
        Assert.Equal(4, (byte)PageKind.Free);
    }

    [Fact]
    public async Task Node_and_allocator_pages_have_the_documented_layout()
    {
        await using var volume = await fixture.OpenVolumeAsync(FleetFixture.NewVolumeId());
        using var pool = new BufferPool(volume, 32);
        var tree = await BTree.CreateAsync(pool, new PageId(1));
        await tree.InsertAsync("a"u8.ToArray(), "xy"u8.ToArray());
        await tree.InsertAsync("b"u8.ToArray(), Array.Empty<byte>());

        var leaf = new byte[PageFrame.PageSize];
        await volume.ReadPageAsync(new PageId(1), leaf);
        Assert.Equal("01" + "00" + "0200" + "F43F" + "0000" + "0000000000000000" + "F93F" + "F43F",
            Convert.ToHexString(leaf.AsSpan(32, 20)));
        Assert.Equal("0100000062" + "0100020061" + "7879", Convert.ToHexString(leaf.AsSpan(0x3FF4, 12)));

        // Enough to split the root: it becomes internal over two new pages from the allocator.
        for (var i = 0; i < 40; i++) await tree.InsertAsync(BitConverter.GetBytes(i), new byte[1000]);
        var root = new byte[PageFrame.PageSize];
        await volume.ReadPageAsync(new PageId(1), root);
        Assert.Equal((byte)PageKind.BTreeInternal, root[32]);
        Assert.Equal(1, root[33]);
        var leftmost = BinaryPrimitives.ReadUInt64LittleEndian(root.AsSpan(40));
        Assert.Equal(PageAllocator.FirstAllocatable, leftmost);

        var meta = new byte[PageFrame.PageSize];
        await volume.ReadPageAsync(PageAllocator.MetadataPage, meta);
        Assert.Equal((byte)PageKind.AllocatorMetadata, meta[32]);
        Assert.True(BinaryPrimitives.ReadUInt64LittleEndian(meta.AsSpan(40)) > PageAllocator.FirstAllocatable + 1);
        Assert.Equal(0UL, BinaryPrimitives.ReadUInt64LittleEndian(meta.AsSpan(48)));
    }
}
