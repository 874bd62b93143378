using Borealis.Common;
using Borealis.Redo.Wire;

namespace Borealis.Redo.Tests.Records;

/// <summary>
/// Freezes what is on disk and on the wire (STYLE.md 8). If one of these fails, a persisted
/// layout changed: existing logs, page files and peers would no longer read it. Change the
/// format version instead, never the expected bytes.
/// </summary>
public class GoldenLayoutTests
{
    private static byte[] Hex(string spaced) => Convert.FromHexString(spaced.Replace(" ", "", StringComparison.Ordinal));

    private static byte[] SampleRecord() =>
        new TestRecord(new Lsn(0x0102030405060708), new PageId(0x1122334455667788), RedoRecordType.WriteBytes, RedoRecordFlags.ConsistencyPoint,
            Hex("4000 DEADBEEF")).Encode();

    [Fact]
    public void RedoRecord_layout()
    {
        var expected = Hex(
            "C1C43551" +          //  0 crc32c of bytes 4..
            " 26000000" +         //  4 length 38
            " 0807060504030201" + //  8 LSN
            " 8877665544332211" + // 16 page
            " 02" +               // 24 type WriteBytes
            " 01" +               // 25 flags ConsistencyPoint
            " 0000 00000000" +    // 26 reserved
            " 4000 DEADBEEF");    // 32 payload: offset 64, bytes
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(SampleRecord()));
        Assert.True(RedoRecord.TryRead(expected, out var r, out var len));
        Assert.Equal(38, len);
        Assert.Equal(new Lsn(0x0102030405060708), r.Lsn);
        Assert.Equal(new PageId(0x1122334455667788), r.Page);
        Assert.Equal(RedoRecordType.WriteBytes, r.Type);
        Assert.Equal(RedoRecordFlags.ConsistencyPoint, r.Flags);
    }

    [Fact]
    public void RedoBatchHeader_layout()
    {
        var record = SampleRecord();
        var batch = new byte[RedoBatchHeader.Size + record.Length];
        record.CopyTo(batch, RedoBatchHeader.Size);
        new RedoBatchHeader
        {
            Kind = RedoBatchKind.Redo,
            Length = batch.Length,
            Volume = new VolumeId(0xAABBCCDDEEFF0011),
            Group = new ProtectionGroupId(7),
            RecordCount = 1,
            Epoch = new Epoch(3),
            PrevLsn = new Lsn(0x0102030405060700),
            LastLsn = new Lsn(0x0102030405060710),
            BodyCrc = Crc32C.Compute(record),
        }.Write(batch);
        var expected = Hex(
            "42524231" +          //  0 magic "BRB1"
            " 66000000" +         //  4 length 102
            " 7E9F97BA" +         //  8 header crc
            " 01000000" +         // 12 kind Redo
            " 1100FFEEDDCCBBAA" + // 16 volume
            " 07000000" +         // 24 group
            " 01000000" +         // 28 record count
            " 0300000000000000" + // 32 epoch
            " 0007060504030201" + // 40 prev LSN
            " 1007060504030201" + // 48 last LSN
            " ED27CEC7" +         // 56 body crc
            " 00000000");         // 60 reserved
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(batch.AsSpan(0, RedoBatchHeader.Size)));
        Assert.True(RedoBatchHeader.TryValidate(batch, out var h));
        Assert.Equal(new Epoch(3), h.Epoch);
        Assert.Equal(0x31425242u, RedoBatchHeader.Magic);
        Assert.Equal(64, RedoBatchHeader.Size);
    }

    [Fact]
    public void PageFrame_header_layout()
    {
        var page = new byte[PageFrame.PageSize];
        PageFrame.InitializeEmpty(page, new PageId(0x1122334455667788));
        PageFrame.SetLsn(page, new Lsn(0x0102030405060708));
        page[PageFrame.HeaderSize] = 0x5A;
        PageFrame.Seal(page);
        var expected = Hex(
            "B7CDC4B8" +          //  0 crc32c of bytes 4..PageSize
            " 42504731" +         //  4 format "BPG1"
            " 8877665544332211" + //  8 page id
            " 0807060504030201" + // 16 page LSN
            " 0000000000000000" + // 24 owner's reserved
            " 5A00000000000000"); // 32 body
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(page.AsSpan(0, 40)));
        Assert.True(PageFrame.Verify(page));
        Assert.Equal((16 * 1024, 32), (PageFrame.PageSize, PageFrame.HeaderSize));
    }

    [Fact]
    public void Empty_page_layout()
    {
        var page = new byte[PageFrame.PageSize];
        PageFrame.InitializeEmpty(page, new PageId(1));
        PageFrame.Seal(page);
        Assert.Equal("F7F71016" + "42504731" + "0100000000000000" + new string('0', 32), Convert.ToHexString(page.AsSpan(0, 32)));
        Assert.True(page.AsSpan(PageFrame.HeaderSize).IndexOfAnyExcept((byte)0) < 0);
    }

    [Fact]
    public void TruncationHistory_layout()
    {
        var history = TruncationHistory.Empty.Add(new Truncation(new Epoch(5), new Lsn(0x123456789A))).Add(new Truncation(new Epoch(2), new Lsn(100)));
        var bytes = new byte[history.EncodedLength];
        history.Write(bytes);
        var expected = Hex(
            "0200000000000000 6400000000000000" + // epoch 2, keep through 100 (oldest epoch first)
            " 0500000000000000 9A78563412000000"); // epoch 5, keep through 0x123456789A
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(bytes));
        Assert.True(TruncationHistory.TryRead(expected, 2, out var read, out var used));
        Assert.Equal(32, used);
        Assert.Equal(history, read);
    }

    [Fact]
    public void Persisted_enum_values()
    {
        Assert.Equal(
            [("PageImage", 1), ("WriteBytes", 2), ("Marker", 3)],
            Enum.GetValues<RedoRecordType>().Select(v => (v.ToString(), (int)v)));
        Assert.Equal([("None", 0), ("ConsistencyPoint", 1)], Enum.GetValues<RedoRecordFlags>().Select(v => (v.ToString(), (int)v)));
        Assert.Equal([("Redo", 1)], Enum.GetValues<RedoBatchKind>().Select(v => (v.ToString(), (int)v)));
        Assert.Equal(
            [("Append", 1), ("ReadPage", 2), ("Status", 3), ("Truncate", 4), ("Fetch", 5), ("OpenSegment", 6), ("DropSegment", 7), ("Scrub", 8), ("Reply", 128)],
            Enum.GetValues<StorageMessageType>().Select(v => (v.ToString(), (int)v)));
        Assert.Equal(
            [("Ok", 0), ("StaleEpoch", 1), ("NotComplete", 2), ("UnknownSegment", 3), ("BadRequest", 4), ("Corrupt", 5), ("GarbageCollected", 6),
             ("ReadPointTooOld", 7), ("Internal", 8), ("Unreachable", 9), ("EpochBehind", 10)],
            Enum.GetValues<ReplyStatus>().Select(v => (v.ToString(), (int)v)));
        Assert.Equal(sizeof(byte), sizeof(RedoRecordType));
        Assert.Equal(sizeof(byte), sizeof(RedoRecordFlags));
        Assert.Equal(sizeof(uint), sizeof(RedoBatchKind));
        Assert.Equal(sizeof(ushort), sizeof(StorageMessageType));
        Assert.Equal(sizeof(byte), sizeof(ReplyStatus));
    }
}
