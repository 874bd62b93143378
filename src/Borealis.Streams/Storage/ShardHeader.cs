using System.Buffers.Binary;
using Borealis.Redo;

namespace Borealis.Streams.Storage;

/// <summary>
/// Page 0 of a shard's volume: where the log ends. Updated in the same mini-transaction as the
/// records it covers, so a recovered volume's header always agrees with its pages. Body layout
/// (little-endian, from the page body's start):
/// <code>
///  0  u32 magic "BSH1"
///  4  u32 reserved
///  8  u64 tail: log bytes written (the position of the next record)
/// 16  u64 records written
/// 24  i64 arrival time (Unix ms) of the last record
/// 32  u64 trim position: records before it are past retention and never read again
/// </code>
/// A page never written has no magic: an empty log. Headers written before retention trimming
/// have zeros at 32: nothing trimmed, which is what they mean.
/// </summary>
public readonly record struct ShardHeader(ulong Tail, ulong RecordCount, long LastArrivalUnixMs, ulong TrimPosition = 0)
{
    public const uint Magic = 0x31485342; // "BSH1"
    public const int Size = 40;

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], 0);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], Tail);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], RecordCount);
        BinaryPrimitives.WriteInt64LittleEndian(destination[24..], LastArrivalUnixMs);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[32..], TrimPosition);
    }

    /// <summary>Reads the header from a whole page image.</summary>
    public static ShardHeader Read(ReadOnlySpan<byte> page)
    {
        var body = page[PageFrame.HeaderSize..];
        if (BinaryPrimitives.ReadUInt32LittleEndian(body) != Magic) return default;
        return new ShardHeader(BinaryPrimitives.ReadUInt64LittleEndian(body[8..]), BinaryPrimitives.ReadUInt64LittleEndian(body[16..]), BinaryPrimitives.ReadInt64LittleEndian(body[24..]), BinaryPrimitives.ReadUInt64LittleEndian(body[32..]));
    }
}
