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

    /// <summary>Bytes a record of a UTF-8 key of <paramref name="keyBytes"/> bytes takes in the log.</summary>
    public static int EncodedLength(int keyBytes, int dataLength) => FrameHeaderSize + FixedBodySize + keyBytes + dataLength;

    public void Encode(Span<byte> destination) => Encode(destination, ArrivalUnixMs, Encoding.UTF8.GetBytes(PartitionKey), Data);

    /// <summary>Writes one record (the hot path: no allocation); returns the bytes it took.</summary>
    public static int Encode(Span<byte> destination, long arrivalUnixMs, ReadOnlySpan<byte> keyUtf8, ReadOnlySpan<byte> data)
    {
        var length = EncodedLength(keyUtf8.Length, data.Length);
        var body = destination[FrameHeaderSize..length];
        BinaryPrimitives.WriteInt64LittleEndian(body, arrivalUnixMs);
        BinaryPrimitives.WriteUInt16LittleEndian(body[8..], (ushort)keyUtf8.Length);
        keyUtf8.CopyTo(body[FixedBodySize..]);
        data.CopyTo(body[(FixedBodySize + keyUtf8.Length)..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)body.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Crc32C.Compute(body));
        return length;
    }

    /// <summary>The body length from a frame header.</summary>
    public static int BodyLength(ReadOnlySpan<byte> frameHeader) => checked((int)BinaryPrimitives.ReadUInt32LittleEndian(frameHeader));

    /// <summary>Decodes a whole frame (header and body); throws <see cref="InvalidDataException"/> on a CRC mismatch or bad layout.</summary>
    public static LogRecord Decode(ulong position, ReadOnlySpan<byte> frame)
    {
        var arrival = Parse(position, frame, out var key, out var data);
        return new LogRecord(position, arrival, Encoding.UTF8.GetString(key), data.ToArray());
    }

    /// <summary>Checks a whole frame and returns its arrival time, key and data as slices of it (the read path: no allocation).</summary>
    public static long Parse(ulong position, ReadOnlySpan<byte> frame, out ReadOnlySpan<byte> keyUtf8, out ReadOnlySpan<byte> data)
    {
        var length = BodyLength(frame);
        if (length < FixedBodySize || frame.Length != FrameHeaderSize + length) throw new InvalidDataException($"record at {position}: body length {length} does not fit its frame");
        var body = frame[FrameHeaderSize..];
        if (Crc32C.Compute(body) != BinaryPrimitives.ReadUInt32LittleEndian(frame[4..])) throw new InvalidDataException($"record at {position} fails its CRC");
        var arrival = BinaryPrimitives.ReadInt64LittleEndian(body);
        var keyLength = BinaryPrimitives.ReadUInt16LittleEndian(body[8..]);
        if (FixedBodySize + keyLength > body.Length) throw new InvalidDataException($"record at {position}: partition key overruns the record");
        keyUtf8 = body.Slice(FixedBodySize, keyLength);
        data = body[(FixedBodySize + keyLength)..];
        return arrival;
    }
}
