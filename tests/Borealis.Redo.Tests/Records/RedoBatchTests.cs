using System.Buffers.Binary;
using Borealis.Common;
using CsCheck;

namespace Borealis.Redo.Tests.Records;

public class RedoBatchTests
{
    private static readonly Epoch E = new(1);

    private static readonly Gen<byte[]> ValidBatch =
        Gen.Select(Gen.ULong[0, 1000], Gen.Int[0, 8]).SelectMany((prev, span) => TestBatches.Valid(E, prev, span));

    [Fact]
    public void RedoRecord_rejects_bad_crc_and_bad_length()
    {
        var bytes = TestRecord.Write(5, 1, 40, 1, 2, 3).Encode();
        Assert.True(RedoRecord.TryRead(bytes, out _, out var len));
        Assert.Equal(bytes.Length, len);

        for (var i = 0; i < bytes.Length; i++)
        {
            var bad = (byte[])bytes.Clone();
            bad[i] ^= 0x10;
            Assert.False(RedoRecord.TryRead(bad, out _, out _), $"flip at {i}");
        }
        Assert.False(RedoRecord.TryRead(bytes.AsSpan(0, bytes.Length - 1), out _, out _)); // truncated
        Assert.False(RedoRecord.TryRead(bytes.AsSpan(0, RedoRecord.HeaderSize - 1), out _, out _));
        Assert.False(RedoRecord.TryRead([], out _, out _));

        var shortLength = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(shortLength.AsSpan(4), RedoRecord.HeaderSize - 1);
        BinaryPrimitives.WriteUInt32LittleEndian(shortLength, Crc32C.Compute(shortLength.AsSpan(4)));
        Assert.False(RedoRecord.TryRead(shortLength, out _, out _));

        var huge = new byte[RedoRecord.HeaderSize + RedoRecord.MaxPayload + 1];
        RedoRecord.Encode(huge, new Lsn(1), new PageId(1), RedoRecordType.WriteBytes, RedoRecordFlags.None, RedoRecord.MaxPayload + 1);
        Assert.False(RedoRecord.TryRead(huge, out _, out _));
    }

    [Fact]
    public void RedoRecord_reads_its_prefix_of_a_longer_span()
    {
        var bytes = TestRecord.Write(5, 1, 40, 9).Encode();
        Assert.True(RedoRecord.TryRead([.. bytes, 1, 2, 3], out var r, out var len));
        Assert.Equal(bytes.Length, len);
        Assert.Equal(bytes, r.Bytes.ToArray());
    }

    [Fact]
    public void Stamp_rewrites_lsn_and_flags_and_keeps_the_record_valid()
    {
        var bytes = TestRecord.Write(5, 1, 40, 9).Encode();
        RedoRecord.Stamp(bytes, new Lsn(77), RedoRecordFlags.ConsistencyPoint);
        Assert.True(RedoRecord.TryRead(bytes, out var r, out _));
        Assert.Equal((new Lsn(77), RedoRecordFlags.ConsistencyPoint), (r.Lsn, r.Flags));
    }

    [Fact]
    public void Valid_batches_validate_and_read_back_their_records() =>
        ValidBatch.Sample(batch =>
        {
            Assert.True(RedoBatchHeader.TryValidate(batch, out var h));
            var reader = new RedoRecordReader(batch);
            var n = 0;
            var prev = h.PrevLsn;
            while (reader.TryNext(out var r))
            {
                Assert.True(r.Lsn > prev && r.Lsn <= h.LastLsn);
                prev = r.Lsn;
                n++;
            }
            Assert.Equal(h.RecordCount, n);
        }, iter: 300);

    [Fact]
    public void Any_single_flipped_byte_is_detected() =>
        ValidBatch.SelectMany(b => Gen.Int[0, b.Length - 1].Select(Gen.Byte[1, 255]).Select((i, x) => (b, i, x)))
            .Sample(t =>
            {
                var bad = (byte[])t.b.Clone();
                bad[t.i] ^= t.x;
                return !RedoBatchHeader.TryValidate(bad, out _);
            }, iter: 1000);

    [Fact]
    public void Truncated_or_extended_batches_are_rejected() =>
        ValidBatch.Sample(b =>
            !RedoBatchHeader.TryValidate(b.AsSpan(0, b.Length - 1), out _) && !RedoBatchHeader.TryValidate([.. b, 0], out _), iter: 200);

    [Fact]
    public void Records_out_of_lsn_order_are_rejected()
    {
        byte[] Batch(params ulong[] lsns) =>
            TestBatches.Build(E, new Lsn(10), new Lsn(20), [.. lsns.Select(l => TestRecord.Write(l, 1, 32, 1))]);
        Assert.True(RedoBatchHeader.TryValidate(Batch(11, 15, 20), out _));
        Assert.False(RedoBatchHeader.TryValidate(Batch(15, 11), out _));  // descending
        Assert.False(RedoBatchHeader.TryValidate(Batch(12, 12), out _));  // duplicate
        Assert.False(RedoBatchHeader.TryValidate(Batch(10), out _));      // at prev: outside (prev, last]
        Assert.False(RedoBatchHeader.TryValidate(Batch(21), out _));      // above last
    }

    [Fact]
    public void Record_count_mismatch_is_rejected()
    {
        var batch = TestBatches.Build(E, new Lsn(0), new Lsn(3), [TestRecord.Write(1, 1, 32, 1), TestRecord.Write(2, 1, 32, 2)]);
        foreach (var count in new[] { 0, 1, 3 })
        {
            var h = TestBatches.Header(batch);
            new RedoBatchHeader
            {
                Kind = h.Kind, Length = h.Length, Volume = h.Volume, Group = h.Group, RecordCount = count,
                Epoch = h.Epoch, PrevLsn = h.PrevLsn, LastLsn = h.LastLsn, BodyCrc = h.BodyCrc,
            }.Write(batch);
            Assert.False(RedoBatchHeader.TryValidate(batch, out _), $"count {count}");
        }
    }

    [Fact]
    public void Header_with_prev_above_last_or_wrong_kind_is_rejected()
    {
        var batch = TestBatches.Build(E, new Lsn(5), new Lsn(4), []);
        Assert.False(RedoBatchHeader.TryRead(batch, out _));
        var kind = TestBatches.Build(E, new Lsn(0), new Lsn(0), []);
        var h = TestBatches.Header(kind);
        new RedoBatchHeader { Kind = (RedoBatchKind)2, Length = h.Length, BodyCrc = h.BodyCrc }.Write(kind);
        Assert.True(RedoBatchHeader.TryRead(kind, out _));
        Assert.False(RedoBatchHeader.TryValidate(kind, out _));
    }

    [Fact]
    public void Header_length_out_of_range_is_rejected()
    {
        var batch = TestBatches.Build(E, new Lsn(0), new Lsn(0), []);
        foreach (var length in new[] { 0, RedoBatchHeader.Size - 1, RedoBatchHeader.MaxLength + 1 })
        {
            new RedoBatchHeader { Kind = RedoBatchKind.Redo, Length = length, BodyCrc = Crc32C.Compute([]) }.Write(batch);
            Assert.False(RedoBatchHeader.TryRead(batch, out _), $"length {length}");
        }
    }
}
