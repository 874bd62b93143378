using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Borealis.Streams.Model;

/// <summary>
/// How Kinesis maps a record to a hash key: the MD5 of the partition key's UTF-8 bytes read as an
/// unsigned 128-bit big-endian integer, unless the producer gives an explicit hash key. Hash keys
/// are <see cref="UInt128"/>s: the space is exactly 0 .. 2^128-1, and routing a record must not allocate.
/// </summary>
public static class PartitionKeyHash
{
    public static UInt128 Of(ReadOnlySpan<byte> partitionKeyUtf8)
    {
        Span<byte> digest = stackalloc byte[MD5.HashSizeInBytes];
#pragma warning disable CA5351 // MD5 is what Kinesis specifies for routing, not used for security.
        MD5.HashData(partitionKeyUtf8, digest);
#pragma warning restore CA5351
        return BinaryPrimitives.ReadUInt128BigEndian(digest);
    }

    public static UInt128 Of(string partitionKey)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        return Of(Encoding.UTF8.GetBytes(partitionKey));
    }

    /// <summary>Parses an explicit hash key: a decimal integer in [0, 2^128-1].</summary>
    public static bool TryParseExplicit(ReadOnlySpan<char> text, out UInt128 key)
    {
        key = default;
        if (text.IsEmpty || text.Length > 39) return false;
        foreach (var c in text) if (!char.IsAsciiDigit(c)) return false;
        return UInt128.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out key);
    }

    /// <summary>The same, from the UTF-8 bytes of a request.</summary>
    public static bool TryParseExplicit(ReadOnlySpan<byte> utf8, out UInt128 key)
    {
        key = default;
        if (utf8.IsEmpty || utf8.Length > 39) return false;
        foreach (var b in utf8) if (b is < (byte)'0' or > (byte)'9') return false;
        return UInt128.TryParse(utf8, NumberStyles.None, CultureInfo.InvariantCulture, out key);
    }
}
