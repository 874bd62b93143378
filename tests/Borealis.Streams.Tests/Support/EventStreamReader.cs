using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;

namespace Borealis.Streams.Tests.Support;

/// <summary>
/// Reads AWS event stream messages from a response body the way an SDK does, checking both CRC32s
/// and the lengths, so that a framing mistake fails here and not only in a real client.
/// </summary>
public sealed class EventStreamReader(Stream body)
{
    public sealed record Message(IReadOnlyDictionary<string, string> Headers, byte[] Payload)
    {
        public string EventType => Headers.TryGetValue(":event-type", out var t) ? t : Headers.GetValueOrDefault(":exception-type", "");
        public JsonElement Json => JsonDocument.Parse(Payload).RootElement.Clone();
    }

    /// <summary>The next message, or null at the end of the stream.</summary>
    public async Task<Message?> NextAsync(CancellationToken cancellationToken)
    {
        var prelude = new byte[12];
        if (!await FillAsync(prelude, cancellationToken)) return null;
        var total = BinaryPrimitives.ReadInt32BigEndian(prelude);
        var headersLength = BinaryPrimitives.ReadInt32BigEndian(prelude.AsSpan(4));
        Assert.Equal(Crc32.HashToUInt32(prelude.AsSpan(0, 8)), BinaryPrimitives.ReadUInt32BigEndian(prelude.AsSpan(8)));
        var message = new byte[total];
        prelude.CopyTo(message, 0);
        Assert.True(await FillAsync(message.AsMemory(12), cancellationToken), "the stream ended inside a message");
        Assert.Equal(Crc32.HashToUInt32(message.AsSpan(0, total - 4)), BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(total - 4)));
        var headers = new Dictionary<string, string>();
        var at = 12;
        while (at < 12 + headersLength)
        {
            var name = Encoding.UTF8.GetString(message, at + 1, message[at]);
            at += 1 + message[at];
            Assert.Equal(7, message[at]); // string values only
            var length = BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(at + 1));
            headers[name] = Encoding.UTF8.GetString(message, at + 3, length);
            at += 3 + length;
        }
        Assert.Equal(12 + headersLength, at);
        return new Message(headers, message[at..(total - 4)]);
    }

    private async Task<bool> FillAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await body.ReadAsync(buffer[filled..], cancellationToken);
            if (read == 0)
            {
                Assert.True(filled == 0, "the stream ended inside a message");
                return false;
            }
            filled += read;
        }
        return true;
    }
}
