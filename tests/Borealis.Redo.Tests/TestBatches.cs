using System.Buffers.Binary;
using Borealis.Common;
using CsCheck;

namespace Borealis.Redo.Tests;

/// <summary>A redo record before encoding.</summary>
public sealed record TestRecord(Lsn Lsn, PageId Page, RedoRecordType Type, RedoRecordFlags Flags, byte[] Payload)
{
    /// <summary>A WriteBytes record: u16 offset, then the bytes.</summary>
    public static TestRecord Write(ulong lsn, ulong page, int offset, params byte[] data)
    {
        var payload = new byte[2 + data.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(payload, (ushort)offset);
        data.CopyTo(payload, 2);
        return new TestRecord(new Lsn(lsn), new PageId(page), RedoRecordType.WriteBytes, RedoRecordFlags.None, payload);
    }

    /// <summary>A PageImage record: an empty page of that id with <paramref name="fill"/> in its body.</summary>
    public static TestRecord Image(ulong lsn, ulong page, byte fill)
    {
        var payload = new byte[PageFrame.PageSize];
        PageFrame.InitializeEmpty(payload, new PageId(page));
        payload.AsSpan(PageFrame.HeaderSize).Fill(fill);
        PageFrame.Seal(payload);
        return new TestRecord(new Lsn(lsn), new PageId(page), RedoRecordType.PageImage, RedoRecordFlags.None, payload);
    }

    public static TestRecord Marker(ulong lsn) => new(new Lsn(lsn), new PageId(0), RedoRecordType.Marker, RedoRecordFlags.ConsistencyPoint, []);

    public int EncodedLength => RedoRecord.HeaderSize + Payload.Length;

    public byte[] Encode()
    {
        var bytes = new byte[EncodedLength];
        Payload.CopyTo(bytes, RedoRecord.HeaderSize);
        RedoRecord.Encode(bytes, Lsn, Page, Type, Flags, Payload.Length);
        return bytes;
    }
}

/// <summary>Builds valid batches the way a volume does: RedoBatchHeader.Write around RedoRecord.Encode.</summary>
public static class TestBatches
{
    public static readonly VolumeId Volume = new(0xB0B);
    public static readonly ProtectionGroupId Group = new(0);

    public static byte[] Build(Epoch epoch, Lsn prev, Lsn last, IReadOnlyList<TestRecord> records, VolumeId? volume = null, ProtectionGroupId? group = null)
    {
        var length = RedoBatchHeader.Size + records.Sum(r => r.EncodedLength);
        var batch = new byte[length];
        var at = RedoBatchHeader.Size;
        foreach (var r in records)
        {
            r.Encode().CopyTo(batch, at);
            at += r.EncodedLength;
        }
        new RedoBatchHeader
        {
            Kind = RedoBatchKind.Redo,
            Length = length,
            Volume = volume ?? Volume,
            Group = group ?? Group,
            RecordCount = records.Count,
            Epoch = epoch,
            PrevLsn = prev,
            LastLsn = last,
            BodyCrc = Crc32C.Compute(batch.AsSpan(RedoBatchHeader.Size)),
        }.Write(batch);
        return batch;
    }

    public static RedoBatchHeader Header(byte[] batch) =>
        RedoBatchHeader.TryRead(batch, out var h) ? h : throw new InvalidOperationException("not a batch");

    /// <summary>A WriteBytes record for a page in [firstPage, firstPage+pages) at LSN lsn, with a small random payload.</summary>
    public static Gen<TestRecord> PageRecord(ulong lsn, ulong firstPage, ulong pages, int maxData = 64) =>
        Gen.Select(Gen.ULong[firstPage, firstPage + pages - 1], Gen.Int[PageFrame.HeaderSize, PageFrame.PageSize - maxData], Gen.Byte.Array[0, maxData])
            .Select((page, offset, data) => TestRecord.Write(lsn, page, offset, data));

    /// <summary>A valid batch covering (prev, prev+span] with records at a random subset of its LSNs (the others belong to other groups).</summary>
    public static Gen<byte[]> Valid(Epoch epoch, ulong prev, int span, ulong firstPage = 0, ulong pages = 4) =>
        Gen.Select(Gen.Int[0, 9], Gen.ULong[firstPage, firstPage + pages - 1], Gen.Int[PageFrame.HeaderSize, PageFrame.PageSize - 64], Gen.Byte.Array[0, 64])
            .Array[span]
            .Select(slots => Build(epoch, new Lsn(prev), new Lsn(prev + (ulong)span),
                [.. slots.Select((s, i) => (s, lsn: prev + (ulong)i + 1)).Where(t => t.s.Item1 < 6)
                    .Select(t => t.s.Item1 == 0 ? TestRecord.Marker(t.lsn) : TestRecord.Write(t.lsn, t.s.Item2, t.s.Item3, t.s.Item4))]));
}
