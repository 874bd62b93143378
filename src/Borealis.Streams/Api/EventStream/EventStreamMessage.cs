using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;

namespace Borealis.Streams.Api.EventStream;

/// <summary>
/// One message of the AWS event stream encoding (<c>application/vnd.amazon.eventstream</c>), as
/// SubscribeToShard answers: a prelude (total length, headers length, CRC32 of those 8 bytes),
/// the headers, the payload, and the CRC32 of everything before it. All integers big-endian; the
/// CRC is plain CRC32 (IEEE), not CRC32C.
/// Spec: https://docs.aws.amazon.com/AmazonS3/latest/API/RESTSelectObjectAppendix.html and
/// https://smithy.io/2.0/aws/amazon-eventstream.html
/// </summary>
public static class EventStreamMessage
{
    public const string ContentType = "application/vnd.amazon.eventstream";
    private const int PreludeBytes = 12;
    private const int CrcBytes = 4;
    /// <summary>Header value type 7: a string with a 2-byte length.</summary>
    private const byte StringType = 7;

    /// <summary>An event message (<c>:message-type</c> event) of <paramref name="eventType"/> with a JSON payload.</summary>
    public static void WriteEvent(IBufferWriter<byte> output, ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> payload) =>
        Write(output, ":message-type"u8, "event"u8, ":event-type"u8, eventType, ":content-type"u8, "application/json"u8, payload);

    /// <summary>An exception message (<c>:message-type</c> exception) of an AWS error type, as an error met mid-stream is sent.</summary>
    public static void WriteException(IBufferWriter<byte> output, ReadOnlySpan<byte> errorType, ReadOnlySpan<byte> payload) =>
        Write(output, ":message-type"u8, "exception"u8, ":exception-type"u8, errorType, ":content-type"u8, "application/json"u8, payload);

    private static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> name1, ReadOnlySpan<byte> value1, ReadOnlySpan<byte> name2, ReadOnlySpan<byte> value2,
        ReadOnlySpan<byte> name3, ReadOnlySpan<byte> value3, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(output);
        var headers = HeaderLength(name1, value1) + HeaderLength(name2, value2) + HeaderLength(name3, value3);
        var total = PreludeBytes + headers + payload.Length + CrcBytes;
        var span = output.GetSpan(total)[..total];
        BinaryPrimitives.WriteInt32BigEndian(span, total);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], headers);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], Crc32.HashToUInt32(span[..8]));
        var at = PreludeBytes;
        at += WriteHeader(span[at..], name1, value1);
        at += WriteHeader(span[at..], name2, value2);
        at += WriteHeader(span[at..], name3, value3);
        payload.CopyTo(span[at..]);
        at += payload.Length;
        BinaryPrimitives.WriteUInt32BigEndian(span[at..], Crc32.HashToUInt32(span[..at]));
        output.Advance(total);
    }

    private static int HeaderLength(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) => 1 + name.Length + 1 + 2 + value.Length;

    private static int WriteHeader(Span<byte> span, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        span[0] = (byte)name.Length;
        name.CopyTo(span[1..]);
        var at = 1 + name.Length;
        span[at++] = StringType;
        BinaryPrimitives.WriteUInt16BigEndian(span[at..], (ushort)value.Length);
        at += 2;
        value.CopyTo(span[at..]);
        return at + value.Length;
    }
}
