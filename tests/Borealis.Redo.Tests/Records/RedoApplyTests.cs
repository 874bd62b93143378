using Borealis.Common;
using CsCheck;

namespace Borealis.Redo.Tests.Records;

public class RedoApplyTests
{
    private const ulong P = 9;

    private static byte[] EmptyPage(ulong id = P)
    {
        var page = new byte[PageFrame.PageSize];
        PageFrame.InitializeEmpty(page, new PageId(id));
        return page;
    }

    private static bool Apply(byte[] page, TestRecord r)
    {
        var bytes = r.Encode();
        Assert.True(RedoRecord.TryRead(bytes, out var record, out _));
        return RedoApply.Apply(page, record);
    }

    [Fact]
    public void WriteBytes_writes_at_its_offset_and_sets_the_page_lsn()
    {
        var page = EmptyPage();
        Assert.True(Apply(page, TestRecord.Write(5, P, 100, 1, 2, 3)));
        Assert.Equal(new byte[] { 0, 1, 2, 3, 0 }, page[99..104]);
        Assert.Equal(new Lsn(5), PageFrame.GetLsn(page));
        Assert.Equal(new PageId(P), PageFrame.GetPageId(page));
    }

    [Fact]
    public void WriteBytes_reaching_the_last_byte_is_allowed()
    {
        var page = EmptyPage();
        Assert.True(Apply(page, TestRecord.Write(1, P, PageFrame.PageSize - 2, 7, 8)));
        Assert.Equal(new byte[] { 7, 8 }, page[^2..]);
        Assert.True(Apply(page, TestRecord.Write(2, P, PageFrame.HeaderSize, 6)));
        Assert.Equal(6, page[PageFrame.HeaderSize]);
    }

    [Fact]
    public void PageImage_replaces_the_page_and_sets_the_lsn()
    {
        var page = EmptyPage();
        Apply(page, TestRecord.Write(3, P, 200, 1));
        Assert.True(Apply(page, TestRecord.Image(10, P, 0xAB)));
        Assert.Equal(new Lsn(10), PageFrame.GetLsn(page));
        Assert.True(page.AsSpan(PageFrame.HeaderSize).IndexOfAnyExcept((byte)0xAB) < 0);
    }

    [Fact]
    public void Marker_changes_nothing()
    {
        var page = EmptyPage();
        var before = (byte[])page.Clone();
        Assert.False(Apply(page, TestRecord.Marker(4)));
        Assert.Equal(before, page);
    }

    [Fact]
    public void A_record_applied_twice_or_an_older_one_changes_nothing() =>
        Gen.Int[1, 8].SelectMany(n => TestBatches.PageRecord(0, P, 1).Array[n])
            .Select(Gen.Int[0, 7], Gen.Int[0, 7])
            .Sample((raw, replayA, replayB) =>
            {
                var records = raw.Select((r, i) => r with { Lsn = new Lsn((ulong)(i + 1) * 3) }).ToArray();
                var page = EmptyPage();
                foreach (var r in records) Assert.True(Apply(page, r));
                var done = (byte[])page.Clone();
                // Replaying any record already reflected (the newest one or any older) is a no-op.
                Assert.False(Apply(page, records[replayA % records.Length]));
                Assert.False(Apply(page, records[replayB % records.Length] with { Lsn = new Lsn(1) }));
                Assert.Equal(done, page);
            }, iter: 300);

    [Fact]
    public void Applying_in_order_equals_last_writer_wins_model() =>
        Gen.Int[1, 20].SelectMany(n => Gen.Select(Gen.Int[PageFrame.HeaderSize, 200], Gen.Byte.Array[1, 16]).Array[n])
            .Sample(writes =>
            {
                var page = EmptyPage();
                var model = EmptyPage();
                for (var i = 0; i < writes.Length; i++)
                {
                    var (offset, data) = writes[i];
                    Apply(page, TestRecord.Write((ulong)i + 1, P, offset, data));
                    data.CopyTo(model, offset);
                }
                PageFrame.SetLsn(model, new Lsn((ulong)writes.Length));
                return page.AsSpan().SequenceEqual(model);
            }, iter: 300);

    [Theory]
    [InlineData(0)]                            // inside the header (over the CRC)
    [InlineData(PageFrame.HeaderSize - 1)]     // last header byte
    [InlineData(PageFrame.PageSize - 1)]       // two bytes from the last byte: one past the end
    [InlineData(ushort.MaxValue)]
    public void WriteBytes_outside_the_body_is_rejected(int offset)
    {
        var page = EmptyPage();
        var before = (byte[])page.Clone();
        Assert.Throws<InvalidDataException>(() => Apply(page, TestRecord.Write(1, P, offset, 1, 2)));
        Assert.Equal(before, page);
    }

    [Fact]
    public void Malformed_records_are_rejected()
    {
        var page = EmptyPage();
        Assert.Throws<InvalidDataException>(() => Apply(page, new TestRecord(new Lsn(1), new PageId(P), RedoRecordType.WriteBytes, 0, [7]))); // no offset
        Assert.Throws<InvalidDataException>(() => Apply(page, new TestRecord(new Lsn(1), new PageId(P), RedoRecordType.PageImage, 0, new byte[100])));
        Assert.Throws<InvalidDataException>(() => Apply(page, new TestRecord(new Lsn(1), new PageId(P), (RedoRecordType)99, 0, [])));
        Assert.Throws<InvalidDataException>(() => Apply(page, TestRecord.Write(1, P + 1, 40, 1))); // another page's record
        Assert.Throws<ArgumentException>(() => RedoApply.Apply(new byte[100], default));
        Assert.Equal(Lsn.Zero, PageFrame.GetLsn(page));
    }
}
