using System.Buffers.Binary;
using Borealis.Common;

namespace Borealis.Redo;

/// <summary>
/// A view of one encoded redo record. Layout (little-endian), see docs/storage.md:
/// <code>
///  0  u32 crc32c of bytes 4..length
///  4  u32 length of the whole record, header included
///  8  u64 LSN
/// 16  u64 page id (ignored for Marker)
/// 24  u8  type (RedoRecordType)
/// 25  u8  flags (RedoRecordFlags)
/// 26  u16 reserved, 0
/// 28  u32 reserved, 0
/// 32  payload
/// </code>
/// </summary>
public readonly ref struct RedoRecord
{
    public const int HeaderSize = 32;
    public const int MaxPayload = PageFrame.PageSize + 64;

    private readonly ReadOnlySpan<byte> _bytes;

    private RedoRecord(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    public ReadOnlySpan<byte> Bytes => _bytes;
    public int Length => _bytes.Length;
    public Lsn Lsn => new(BinaryPrimitives.ReadUInt64LittleEndian(_bytes[8..]));
    public PageId Page => new(BinaryPrimitives.ReadUInt64LittleEndian(_bytes[16..]));
    public RedoRecordType Type => (RedoRecordType)_bytes[24];
    public RedoRecordFlags Flags => (RedoRecordFlags)_bytes[25];
    public ReadOnlySpan<byte> Payload => _bytes[HeaderSize..];

    /// <summary>Reads the record at the start of <paramref name="source"/>, checking length and CRC.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out RedoRecord record, out int length)
    {
        record = default;
        length = 0;
        if (source.Length < HeaderSize) return false;
        var len = BinaryPrimitives.ReadUInt32LittleEndian(source[4..]);
        if (len < HeaderSize || len > source.Length || len > HeaderSize + MaxPayload) return false;
        var bytes = source[..(int)len];
        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Crc32C.Compute(bytes[4..])) return false;
        record = new RedoRecord(bytes);
        length = (int)len;
        return true;
    }

    /// <summary>
    /// Reads the record at the start of <paramref name="source"/> checking its length but not
    /// its CRC: for records inside a batch whose body CRC has been verified, which covers them.
    /// </summary>
    public static bool TryReadWithinCheckedBatch(ReadOnlySpan<byte> source, out RedoRecord record, out int length)
    {
        record = default;
        length = 0;
        if (source.Length < HeaderSize) return false;
        var len = BinaryPrimitives.ReadUInt32LittleEndian(source[4..]);
        if (len < HeaderSize || len > source.Length || len > HeaderSize + MaxPayload) return false;
        record = new RedoRecord(source[..(int)len]);
        length = (int)len;
        return true;
    }

    /// <summary>Encodes a record header around a payload already placed at dest[HeaderSize..]; returns its length.</summary>
    public static int Encode(Span<byte> dest, Lsn lsn, PageId page, RedoRecordType type, RedoRecordFlags flags, int payloadLength)
    {
        var len = HeaderSize + payloadLength;
        BinaryPrimitives.WriteUInt32LittleEndian(dest[4..], (uint)len);
        BinaryPrimitives.WriteUInt64LittleEndian(dest[8..], lsn.Value);
        BinaryPrimitives.WriteUInt64LittleEndian(dest[16..], page.Value);
        dest[24] = (byte)type;
        dest[25] = (byte)flags;
        dest[26..32].Clear();
        Seal(dest[..len]);
        return len;
    }

    /// <summary>Rewrites the LSN and flags of an encoded record and recomputes its CRC.</summary>
    public static void Stamp(Span<byte> record, Lsn lsn, RedoRecordFlags flags)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(record[8..], lsn.Value);
        record[25] = (byte)flags;
        Seal(record);
    }

    private static void Seal(Span<byte> record) =>
        BinaryPrimitives.WriteUInt32LittleEndian(record, Crc32C.Compute(record[4..]));
}
