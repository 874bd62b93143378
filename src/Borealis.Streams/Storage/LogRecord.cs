using System.Buffers.Binary;
using System.Text;
using Borealis.Common;

namespace Borealis.Streams.Storage;

/// <summary>
/// One stream record as it lies in a shard's log (little-endian):
/// <code>
///  0  u32 body length n
///  4  u32 crc32c of the body
///  8  body: i64 arrival time (Unix ms), u16 partition key length k, k bytes UTF-8 partition key, data
/// </code>
/// The record takes 8 + n bytes; the next one starts right after it. Frozen by a golden test.
/// </summary>
public sealed record LogRecord(ulong Position, long ArrivalUnixMs, string PartitionKey, byte[] Data)
{
    public const int FrameHeaderSize = 8;
    private const int FixedBodySize = 8 + 2;

    /// <summary>Bytes the encoded record takes in the log.</summary>
    public static int EncodedLength(string partitionKey, int dataLength) =>
        FrameHeaderSize + FixedBodySize + Encoding.UTF8.GetByteCount(partitionKey) + dataLength;

    public int EncodedLength() => EncodedLength(PartitionKey, Data.Length);

    public void Encode(Span<byte> destination)
    {
        var body = destination[FrameHeaderSize..EncodedLength()];
        BinaryPrimitives.WriteInt64LittleEndian(body, ArrivalUnixMs);
        var keyLength = Encoding.UTF8.GetBytes(PartitionKey, body[FixedBodySize..]);
        BinaryPrimitives.WriteUInt16LittleEndian(body[8..], (ushort)keyLength);
        Data.CopyTo(body[(FixedBodySize + keyLength)..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)body.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Crc32C.Compute(body));
    }

    /// <summary>The body length from a frame header.</summary>
    public static int BodyLength(ReadOnlySpan<byte> frameHeader) => checked((int)BinaryPrimitives.ReadUInt32LittleEndian(frameHeader));

    /// <summary>Decodes a whole frame (header and body); throws <see cref="InvalidDataException"/> on a CRC mismatch or bad layout.</summary>
    public static LogRecord Decode(ulong position, ReadOnlySpan<byte> frame)
    {
        var length = BodyLength(frame);
        if (length < FixedBodySize || frame.Length != FrameHeaderSize + length) throw new InvalidDataException($"record at {position}: body length {length} does not fit its frame");
        var body = frame[FrameHeaderSize..];
        if (Crc32C.Compute(body) != BinaryPrimitives.ReadUInt32LittleEndian(frame[4..])) throw new InvalidDataException($"record at {position} fails its CRC");
        var arrival = BinaryPrimitives.ReadInt64LittleEndian(body);
        var keyLength = BinaryPrimitives.ReadUInt16LittleEndian(body[8..]);
        if (FixedBodySize + keyLength > body.Length) throw new InvalidDataException($"record at {position}: partition key overruns the record");
        var key = Encoding.UTF8.GetString(body.Slice(FixedBodySize, keyLength));
        return new LogRecord(position, arrival, key, body[(FixedBodySize + keyLength)..].ToArray());
    }
}
