using System.Buffers;
using System.Formats.Cbor;
using System.Text.Json;

namespace Borealis.Streams.Api;

/// <summary>
/// The AWS CBOR protocol (<c>application/x-amz-cbor-1.1</c>, the default of the AWS SDKs for
/// Java and the KCL) as a transcoding of the JSON 1.1 protocol: the members are the same; blobs
/// (<c>Data</c>) are CBOR byte strings instead of base64, and timestamps are tag 1 (epoch) over
/// an integer of milliseconds — the Java SDKs' convention (SdkCborGenerator writes
/// <c>Instant.toEpochMilli()</c>) — where JSON has seconds. A request is turned into the JSON the
/// operations read; their JSON answer is turned into CBOR. A tag-1 floating-point value is read
/// as seconds, as RFC 8949 §3.4.2 has it.
/// </summary>
public static class CborTranscoder
{
    public const string ContentType = "application/x-amz-cbor-1.1";
    private const int MaxDepth = 64;

    /// <summary>The CBOR request body as the JSON the operations take; SerializationException when it is not a CBOR map.</summary>
    public static void ToJson(ReadOnlyMemory<byte> cbor, IBufferWriter<byte> json)
    {
        var reader = new CborReader(cbor, CborConformanceMode.Lax);
        using var writer = new Utf8JsonWriter(json);
        try
        {
            if (reader.PeekState() != CborReaderState.StartMap) throw KinesisErrors.Serialization("The request body must be a CBOR map.");
            Transcode(reader, writer, 0);
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            throw KinesisErrors.Serialization($"The request body is not valid CBOR: {e.Message}");
        }
    }

    private static void Transcode(CborReader reader, Utf8JsonWriter writer, int depth)
    {
        if (depth > MaxDepth) throw KinesisErrors.Serialization($"The request body nests deeper than {MaxDepth} levels.");
        switch (reader.PeekState())
        {
            case CborReaderState.StartMap:
                reader.ReadStartMap();
                writer.WriteStartObject();
                while (reader.PeekState() != CborReaderState.EndMap)
                {
                    if (reader.PeekState() is not (CborReaderState.TextString or CborReaderState.StartIndefiniteLengthTextString))
                        throw KinesisErrors.Serialization("The request body has a map key that is not a text string.");
                    writer.WritePropertyName(reader.ReadTextString());
                    Transcode(reader, writer, depth + 1);
                }
                reader.ReadEndMap();
                writer.WriteEndObject();
                break;
            case CborReaderState.StartArray:
                reader.ReadStartArray();
                writer.WriteStartArray();
                while (reader.PeekState() != CborReaderState.EndArray) Transcode(reader, writer, depth + 1);
                reader.ReadEndArray();
                writer.WriteEndArray();
                break;
            case CborReaderState.TextString or CborReaderState.StartIndefiniteLengthTextString:
                writer.WriteStringValue(reader.ReadTextString());
                break;
            case CborReaderState.ByteString or CborReaderState.StartIndefiniteLengthByteString:
                writer.WriteBase64StringValue(reader.ReadByteString());
                break;
            case CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger:
                writer.WriteNumberValue(reader.ReadInt64());
                break;
            case CborReaderState.HalfPrecisionFloat or CborReaderState.SinglePrecisionFloat or CborReaderState.DoublePrecisionFloat:
                writer.WriteNumberValue(reader.ReadDouble());
                break;
            case CborReaderState.Boolean:
                writer.WriteBooleanValue(reader.ReadBoolean());
                break;
            case CborReaderState.Null:
                reader.ReadNull();
                writer.WriteNullValue();
                break;
            case CborReaderState.SimpleValue:
                reader.SkipValue();
                writer.WriteNullValue();
                break;
            case CborReaderState.Tag:
                var tag = reader.ReadTag();
                if (tag != CborTag.UnixTimeSeconds) throw KinesisErrors.Serialization($"The request body has CBOR tag {(ulong)tag}; only tag 1 (epoch time) is understood.");
                // JSON timestamps are epoch seconds: an integer here is the Java SDKs' milliseconds.
                if (reader.PeekState() is CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger) writer.WriteNumberValue(reader.ReadInt64() / 1000.0);
                else writer.WriteNumberValue(reader.ReadDouble());
                break;
            default:
                throw KinesisErrors.Serialization($"The request body has an unexpected CBOR item ({reader.PeekState()}).");
        }
    }

    /// <summary>An operation's JSON answer (or error) as CBOR.</summary>
    public static byte[] FromJson(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        var writer = new CborWriter(CborConformanceMode.Lax);
        Write(document.RootElement, writer, null);
        return writer.Encode();
    }

    private static void Write(JsonElement element, CborWriter writer, string? member)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartMap(element.EnumerateObject().Count());
                foreach (var property in element.EnumerateObject())
                {
                    writer.WriteTextString(property.Name);
                    Write(property.Value, writer, property.Name);
                }
                writer.WriteEndMap();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray(element.GetArrayLength());
                foreach (var item in element.EnumerateArray()) Write(item, writer, null);
                writer.WriteEndArray();
                break;
            case JsonValueKind.String when member == "Data":
                writer.WriteByteString(element.GetBytesFromBase64());
                break;
            case JsonValueKind.String:
                writer.WriteTextString(element.GetString()!);
                break;
            case JsonValueKind.Number when member is not null && member.EndsWith("Timestamp", StringComparison.Ordinal):
                writer.WriteTag(CborTag.UnixTimeSeconds);
                writer.WriteInt64((long)Math.Round(element.GetDouble() * 1000));
                break;
            case JsonValueKind.Number when element.TryGetInt64(out var integer):
                writer.WriteInt64(integer);
                break;
            case JsonValueKind.Number:
                writer.WriteDouble(element.GetDouble());
                break;
            case JsonValueKind.True or JsonValueKind.False:
                writer.WriteBoolean(element.GetBoolean());
                break;
            default:
                writer.WriteNull();
                break;
        }
    }
}
