using Borealis.Redo;
using Borealis.Streams.Iterators;
using Borealis.Streams.Storage;

namespace Borealis.Streams.Tests.Storage;

/// <summary>Golden bytes of what lies in a shard's pages: change these layouts only with a new format.</summary>
public sealed class LayoutTests
{
    [Fact]
    public void A_log_record_is_length_crc_arrival_key_and_data()
    {
        var record = new LogRecord(0, 0x0102030405060708, "pk", [0xAA, 0xBB]);
        var bytes = new byte[record.EncodedLength()];
        record.Encode(bytes);
        Assert.Equal("0E000000" + Convert.ToHexString(bytes, 4, 4) + "0807060504030201" + "0200" + "706B" + "AABB", Convert.ToHexString(bytes));
        Assert.Equal(record with { Data = record.Data }, LogRecord.Decode(0, bytes) with { Data = record.Data });
        Assert.Equal(record.Data, LogRecord.Decode(0, bytes).Data);
        bytes[^1] ^= 1;
        Assert.Throws<InvalidDataException>(() => LogRecord.Decode(0, bytes));
    }

    [Fact]
    public void The_shard_header_is_magic_tail_count_last_arrival_and_trim_position()
    {
        var page = new byte[PageFrame.PageSize];
        PageFrame.InitializeEmpty(page, new Borealis.Common.PageId(0));
        Assert.Equal(default, ShardHeader.Read(page));
        new ShardHeader(0x10, 3, 0x20, 0x08).Write(page.AsSpan(PageFrame.HeaderSize));
        Assert.Equal("42534831" + "00000000" + "1000000000000000" + "0300000000000000" + "2000000000000000" + "0800000000000000", Convert.ToHexString(page, PageFrame.HeaderSize, ShardHeader.Size));
        Assert.Equal(new ShardHeader(0x10, 3, 0x20, 0x08), ShardHeader.Read(page));
        // A header written before trimming existed has zeros where the trim position goes: nothing trimmed.
        page.AsSpan(PageFrame.HeaderSize + 32, 8).Clear();
        Assert.Equal(0UL, ShardHeader.Read(page).TrimPosition);
    }

    [Fact]
    public void An_iterator_decodes_only_with_its_key_and_unaltered()
    {
        var key = new byte[32];
        key[0] = 1;
        var iterator = new ShardIterator("stream", 123, 4, 5678, 9999);
        var token = iterator.Encode(key);
        Assert.True(ShardIterator.TryDecode(token, key, out var decoded));
        Assert.Equal(iterator, decoded);
        Assert.False(ShardIterator.TryDecode(token, new byte[32], out _));
        var bytes = Convert.FromBase64String(token);
        bytes[^20] ^= 0x40;
        Assert.False(ShardIterator.TryDecode(Convert.ToBase64String(bytes), key, out _));
    }
}
