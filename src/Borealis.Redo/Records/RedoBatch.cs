using System.Buffers.Binary;
using Borealis.Common;

namespace Borealis.Redo;

/// <summary>Kind of a batch entry. Persisted.</summary>
public enum RedoBatchKind : uint
{
    Redo = 1,
}

/// <summary>
/// A batch: the unit a volume sends to the segments of one protection group, and the unit a
/// segment appends to its log unchanged. It covers the volume LSN range (PrevLsn, LastLsn]:
/// its records are exactly the group's records in that range (possibly none), which is how a
/// segment knows it is complete up to LastLsn without seeing other groups' records.
/// Layout (little-endian):
/// <code>
///  0  u32 magic "BRB1"
///  4  u32 total length, header included
///  8  u32 crc32c of bytes 0..8 and 12..HeaderSize
/// 12  u32 kind (RedoBatchKind)
/// 16  u64 volume id
/// 24  u32 protection group
/// 28  u32 record count
/// 32  u64 epoch of the writer
/// 40  u64 prev LSN (exclusive start of the covered range)
/// 48  u64 last LSN (inclusive end of the covered range)
/// 56  u32 crc32c of the records (bytes HeaderSize..length)
/// 60  u32 reserved, 0
/// 64  records, each a RedoRecord
/// </code>
/// </summary>
public readonly struct RedoBatchHeader
{
    public const int Size = 64;
    public const uint Magic = 0x31425242; // "BRB1"
    public const int MaxLength = 32 * 1024 * 1024;

    public RedoBatchKind Kind { get; init; }
    public int Length { get; init; }
    public VolumeId Volume { get; init; }
    public ProtectionGroupId Group { get; init; }
    public int RecordCount { get; init; }
    public Epoch Epoch { get; init; }
    public Lsn PrevLsn { get; init; }
    public Lsn LastLsn { get; init; }
    public uint BodyCrc { get; init; }

    /// <summary>Writes this header (with the CRC of the header) to the first Size bytes of dest.</summary>
    public void Write(Span<byte> dest)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(dest, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(dest[4..], (uint)Length);
        BinaryPrimitives.WriteUInt32LittleEndian(dest[12..], (uint)Kind);
        BinaryPrimitives.WriteUInt64LittleEndian(dest[16..], Volume.Value);
        BinaryPrimitives.WriteUInt32LittleEndian(dest[24..], Group.Value);
        BinaryPrimitives.WriteUInt32LittleEndian(dest[28..], (uint)RecordCount);
        BinaryPrimitives.WriteUInt64LittleEndian(dest[32..], Epoch.Value);
        BinaryPrimitives.WriteUInt64LittleEndian(dest[40..], PrevLsn.Value);
        BinaryPrimitives.WriteUInt64LittleEndian(dest[48..], LastLsn.Value);
        BinaryPrimitives.WriteUInt32LittleEndian(dest[56..], BodyCrc);
        BinaryPrimitives.WriteUInt32LittleEndian(dest[60..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(dest[8..], HeaderCrc(dest));
    }

    private static uint HeaderCrc(ReadOnlySpan<byte> header) =>
        ~Crc32C.Append(Crc32C.Append(~0u, header[..8]), header[12..Size]);

    /// <summary>Reads and checks a header; false when the bytes are not a whole valid header.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out RedoBatchHeader header)
    {
        header = default;
        if (source.Length < Size) return false;
        if (BinaryPrimitives.ReadUInt32LittleEndian(source) != Magic) return false;
        if (BinaryPrimitives.ReadUInt32LittleEndian(source[8..]) != HeaderCrc(source)) return false;
        var length = BinaryPrimitives.ReadUInt32LittleEndian(source[4..]);
        if (length < Size || length > MaxLength) return false;
        header = new RedoBatchHeader
        {
            Length = (int)length,
            Kind = (RedoBatchKind)BinaryPrimitives.ReadUInt32LittleEndian(source[12..]),
            Volume = new VolumeId(BinaryPrimitives.ReadUInt64LittleEndian(source[16..])),
            Group = new ProtectionGroupId(BinaryPrimitives.ReadUInt32LittleEndian(source[24..])),
            RecordCount = (int)BinaryPrimitives.ReadUInt32LittleEndian(source[28..]),
            Epoch = new Epoch(BinaryPrimitives.ReadUInt64LittleEndian(source[32..])),
            PrevLsn = new Lsn(BinaryPrimitives.ReadUInt64LittleEndian(source[40..])),
            LastLsn = new Lsn(BinaryPrimitives.ReadUInt64LittleEndian(source[48..])),
            BodyCrc = BinaryPrimitives.ReadUInt32LittleEndian(source[56..]),
        };
        return header.PrevLsn <= header.LastLsn;
    }

    /// <summary>Checks a whole batch: header, body CRC, and that every record is intact, in order and in range.</summary>
    public static bool TryValidate(ReadOnlySpan<byte> batch, out RedoBatchHeader header)
    {
        if (!TryRead(batch, out header) || header.Length != batch.Length || header.Kind != RedoBatchKind.Redo) return false;
        var body = batch[Size..];
        if (Crc32C.Compute(body) != header.BodyCrc) return false;
        var count = 0;
        var prev = header.PrevLsn;
        while (!body.IsEmpty)
        {
            if (!RedoRecord.TryReadWithinCheckedBatch(body, out var record, out var len)) return false;
            if (record.Lsn <= prev || record.Lsn > header.LastLsn) return false;
            prev = record.Lsn;
            body = body[len..];
            count++;
        }
        return count == header.RecordCount;
    }
}

/// <summary>Walks the records of a validated batch (their CRCs are covered by the batch's, checked already).</summary>
public ref struct RedoRecordReader
{
    private ReadOnlySpan<byte> _rest;
    private int _offset;

    public RedoRecordReader(ReadOnlySpan<byte> batch)
    {
        _rest = batch[RedoBatchHeader.Size..];
        _offset = RedoBatchHeader.Size;
    }

    /// <summary>Offset in the batch of the record last returned.</summary>
    public int Offset { get; private set; }

    public bool TryNext(out RedoRecord record)
    {
        if (_rest.IsEmpty || !RedoRecord.TryReadWithinCheckedBatch(_rest, out record, out var len)) { record = default; return false; }
        Offset = _offset;
        _rest = _rest[len..];
        _offset += len;
        return true;
    }
}
