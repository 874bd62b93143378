using Borealis.Common;
using Borealis.Redo.Wire;
using CsCheck;

namespace Borealis.Redo.Tests.Wire;

public class StorageRequestTests
{
    private static readonly Gen<SegmentId> GenSegment =
        Gen.Select(Gen.ULong, Gen.UInt).Select((v, g) => new SegmentId(new VolumeId(v), new ProtectionGroupId(g)));

    private static readonly Gen<TruncationHistory> GenHistory =
        Gen.Select(Gen.ULong[1, 1000], Gen.ULong).Array[1, 8]
            .Select(ts => ts.Aggregate(TruncationHistory.Empty, (h, t) => h.Add(new Truncation(new Epoch(t.Item1), new Lsn(t.Item2)))));

    private static readonly Gen<NodeAddress> GenAddress =
        Gen.Select(Gen.String[Gen.Char["abcxyz0123456789.-"], 1, 30], Gen.Int[1, 65535], Gen.String[Gen.Char["abz0-9"], 0, 8])
            .Select((h, p, z) => new NodeAddress(h, p, z));

    /// <summary>Every strict prefix of a valid encoding is rejected.</summary>
    private static void AllPrefixesRejected(byte[] bytes, Func<byte[], bool> tryRead)
    {
        for (var n = 0; n < bytes.Length; n++)
            Assert.False(tryRead(bytes[..n]), $"accepted a {n}-byte prefix of {bytes.Length}");
    }

    [Fact]
    public void SegmentAddress_round_trips() =>
        Gen.Select(GenSegment, Gen.UInt).Sample((s, arg) =>
        {
            var bytes = new byte[SegmentAddress.Size];
            new SegmentAddress(s, arg).Write(bytes);
            Assert.True(SegmentAddress.TryRead(bytes, out var read));
            Assert.Equal(new SegmentAddress(s, arg), read);
            AllPrefixesRejected(bytes, b => SegmentAddress.TryRead(b, out _));
        }, iter: 200);

    [Fact]
    public void AppendRequest_prefix_round_trips() =>
        Gen.ULong.Sample(v =>
        {
            var bytes = new byte[AppendRequest.PrefixSize];
            AppendRequest.WritePrefix(bytes, new Lsn(v));
            return AppendRequest.ReadMinReadPoint(bytes) == new Lsn(v);
        }, iter: 100);

    [Fact]
    public void ReadPageRequest_round_trips_and_rejects_wrong_sizes() =>
        Gen.Select(GenSegment, Gen.ULong, Gen.ULong).Sample((s, p, l) =>
        {
            var request = new ReadPageRequest(s, new PageId(p), new Lsn(l));
            var bytes = new byte[ReadPageRequest.Size];
            request.Write(bytes);
            Assert.True(ReadPageRequest.TryRead(bytes, out var read));
            Assert.Equal(request, read);
            AllPrefixesRejected(bytes, b => ReadPageRequest.TryRead(b, out _));
            Assert.False(ReadPageRequest.TryRead([.. bytes, 0], out _));
        }, iter: 200);

    [Fact]
    public void FetchRequest_round_trips_and_rejects_wrong_sizes() =>
        Gen.Select(GenSegment, Gen.ULong, Gen.Int[0, RedoBatchHeader.MaxLength]).Sample((s, after, max) =>
        {
            var request = new FetchRequest(s, new Lsn(after), max);
            var bytes = new byte[FetchRequest.Size];
            request.Write(bytes);
            Assert.True(FetchRequest.TryRead(bytes, out var read));
            Assert.Equal(request, read);
            AllPrefixesRejected(bytes, b => FetchRequest.TryRead(b, out _));
            Assert.False(FetchRequest.TryRead([.. bytes, 0], out _));
        }, iter: 200);

    [Fact]
    public void FetchRequest_caps_max_bytes()
    {
        var bytes = new byte[FetchRequest.Size];
        new SegmentAddress(default, uint.MaxValue).Write(bytes);
        Assert.True(FetchRequest.TryRead(bytes, out var read));
        Assert.Equal(RedoBatchHeader.MaxLength, read.MaxBytes);
    }

    [Fact]
    public void TruncateRequest_round_trips_and_rejects_truncated_input() =>
        Gen.Select(GenSegment, GenHistory).Sample((s, h) =>
        {
            var bytes = new TruncateRequest(s, h).ToArray();
            Assert.True(TruncateRequest.TryRead(bytes, out var read));
            Assert.Equal(s, read.Segment);
            Assert.Equal(h, read.History);
            AllPrefixesRejected(bytes, b => TruncateRequest.TryRead(b, out _));
            Assert.False(TruncateRequest.TryRead([.. bytes, 0], out _));
        }, iter: 200);

    [Fact]
    public void TruncateRequest_rejects_empty_and_oversized_counts()
    {
        var empty = new TruncateRequest(default, TruncationHistory.Empty).ToArray();
        Assert.False(TruncateRequest.TryRead(empty, out _));
        var huge = new byte[SegmentAddress.Size];
        new SegmentAddress(default, uint.MaxValue).Write(huge);
        Assert.False(TruncateRequest.TryRead(huge, out _));
    }

    [Fact]
    public void OpenSegmentRequest_round_trips_and_rejects_truncated_input() =>
        Gen.Select(GenSegment, Gen.ULong, Gen.ULong[1, ulong.MaxValue], GenAddress.Array[0, 6]).Sample((s, e, pages, members) =>
        {
            var request = new OpenSegmentRequest(s, new Epoch(e), pages, members);
            var bytes = request.ToArray();
            Assert.True(OpenSegmentRequest.TryRead(bytes, out var read));
            Assert.Equal((s, new Epoch(e), pages), (read.Segment, read.Epoch, read.PagesPerGroup));
            Assert.Equal(members, read.Members);
            AllPrefixesRejected(bytes, b => OpenSegmentRequest.TryRead(b, out _));
            Assert.False(OpenSegmentRequest.TryRead([.. bytes, 0], out _));
        }, iter: 200);

    [Fact]
    public void OpenSegmentRequest_rejects_zero_pages_bad_addresses_and_too_many_members()
    {
        Assert.False(OpenSegmentRequest.TryRead(new OpenSegmentRequest(default, Epoch.Zero, 0, []).ToArray(), out _));
        var bad = new OpenSegmentRequest(default, Epoch.Zero, 1, [new NodeAddress("h", 1, "")]).ToArray();
        bad[^1] = (byte)'x'; // "h:x": no port
        Assert.False(OpenSegmentRequest.TryRead(bad, out _));
        var many = new OpenSegmentRequest(default, Epoch.Zero, 1, []).ToArray();
        new SegmentAddress(default, 65).Write(many);
        Assert.False(OpenSegmentRequest.TryRead(many, out _));
    }

    [Fact]
    public void SegmentStatus_round_trips_and_rejects_truncated_input() =>
        Gen.Select(Gen.ULong, Gen.ULong, Gen.ULong, GenHistory).Sample((hi, cp, start, h) =>
        {
            var status = new SegmentStatus(new Lsn(hi), new Lsn(cp), new Lsn(start), h);
            var bytes = status.ToArray();
            Assert.True(SegmentStatus.TryRead(bytes, out var read));
            Assert.Equal((status.HighestReceived, status.Checkpoint, status.LogStart, status.History), (read.HighestReceived, read.Checkpoint, read.LogStart, read.History));
            AllPrefixesRejected(bytes, b => SegmentStatus.TryRead(b, out _));
        }, iter: 200);

    [Fact]
    public void ScrubReport_round_trips_and_rejects_truncated_input() =>
        Gen.Select(Gen.Int, Gen.Int, Gen.Int).Sample((a, b, c) =>
        {
            var bytes = new ScrubReport(a, b, c).ToArray();
            Assert.True(ScrubReport.TryRead(bytes, out var read));
            Assert.Equal(new ScrubReport(a, b, c), read);
            AllPrefixesRejected(bytes, x => ScrubReport.TryRead(x, out _));
        }, iter: 100);

    [Fact]
    public void StorageReply_round_trips_and_rejects_short_input_and_unknown_status() =>
        Gen.Select(Gen.Byte[0, (byte)ReplyStatus.EpochBehind], Gen.ULong, Gen.ULong, Gen.Byte.Array[0, 40]).Sample((st, scl, e, payload) =>
        {
            var reply = new StorageReply((ReplyStatus)st, new Lsn(scl), new Epoch(e), payload);
            var bytes = new byte[reply.EncodedLength];
            reply.Write(bytes);
            Assert.True(StorageReply.TryRead(bytes, null, out var read));
            Assert.Equal((reply.Status, reply.Scl, reply.Epoch), (read.Status, read.Scl, read.Epoch));
            Assert.Equal(payload, read.Payload.ToArray());
            for (var n = 0; n < StorageReply.HeaderSize; n++) Assert.False(StorageReply.TryRead(bytes.AsMemory(0, n), null, out _));
            bytes[0] = (byte)(ReplyStatus.EpochBehind + 1);
            Assert.False(StorageReply.TryRead(bytes, null, out _));
        }, iter: 200);

    [Fact]
    public void StorageReply_header_layout()
    {
        var reply = StorageReply.Error(ReplyStatus.StaleEpoch, new Lsn(0x0102), new Epoch(3), "no");
        var bytes = new byte[reply.EncodedLength];
        reply.Write(bytes);
        Assert.Equal("01000000" + "00000000" + "0201000000000000" + "0300000000000000" + "6E6F", Convert.ToHexString(bytes));
        Assert.Equal("no", reply.Message);
    }
}
