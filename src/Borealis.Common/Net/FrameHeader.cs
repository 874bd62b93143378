using System.Buffers;
using System.Buffers.Binary;

namespace Borealis.Common.Net;

/// <summary>
/// The 16-byte header in front of every frame body on a Borealis TCP connection.
/// Layout, little-endian: u32 body length, u16 message type, u16 flags (always 0 for now,
/// so a peer speaking a later version is refused instead of misread), u64 correlation id.
/// </summary>
public readonly record struct FrameHeader(int BodyLength, ushort Type, ulong CorrelationId)
{
    public const int Size = 16;

    /// <summary>The largest body a connection accepts unless configured otherwise.</summary>
    public const int DefaultMaxBodySize = 64 * 1024 * 1024;

    public void Write(Span<byte> dest)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(dest, (uint)BodyLength);
        BinaryPrimitives.WriteUInt16LittleEndian(dest[4..], Type);
        BinaryPrimitives.WriteUInt16LittleEndian(dest[6..], 0);
        BinaryPrimitives.WriteUInt64LittleEndian(dest[8..], CorrelationId);
    }

    /// <summary>
    /// Takes one frame off the front of <paramref name="buffer"/>. The header is judged as soon
    /// as its 16 bytes are in, so an oversized or malformed frame is refused before its body
    /// is buffered.
    /// </summary>
    public static FrameReadStatus TryRead(ref ReadOnlySequence<byte> buffer, int maxBodySize, out FrameHeader header, out ReadOnlySequence<byte> body)
    {
        header = default;
        body = default;
        if (buffer.Length < Size) return FrameReadStatus.Incomplete;

        Span<byte> copy = stackalloc byte[Size];
        var raw = buffer.FirstSpan.Length >= Size ? buffer.FirstSpan[..Size] : CopyHeader(buffer, copy);
        var length = BinaryPrimitives.ReadUInt32LittleEndian(raw);
        var flags = BinaryPrimitives.ReadUInt16LittleEndian(raw[6..]);
        if (flags != 0) return FrameReadStatus.Malformed;
        if (length > (uint)maxBodySize) return FrameReadStatus.TooLarge;
        if (buffer.Length - Size < length) return FrameReadStatus.Incomplete;

        header = new FrameHeader((int)length, BinaryPrimitives.ReadUInt16LittleEndian(raw[4..]), BinaryPrimitives.ReadUInt64LittleEndian(raw[8..]));
        body = buffer.Slice(Size, length);
        buffer = buffer.Slice(body.End);
        return FrameReadStatus.Complete;
    }

    private static ReadOnlySpan<byte> CopyHeader(ReadOnlySequence<byte> buffer, Span<byte> copy)
    {
        buffer.Slice(0, Size).CopyTo(copy);
        return copy;
    }
}

/// <summary>What <see cref="FrameHeader.TryRead"/> found at the front of a buffer.</summary>
public enum FrameReadStatus
{
    /// <summary>Not a whole frame yet: read more.</summary>
    Incomplete,
    Complete,
    /// <summary>The header declares a body over the connection's limit.</summary>
    TooLarge,
    /// <summary>The header has non-zero flags: not a frame this version understands.</summary>
    Malformed,
}
