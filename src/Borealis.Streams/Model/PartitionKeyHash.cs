using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Borealis.Streams.Model;

/// <summary>
/// How Kinesis maps a record to a hash key: the MD5 of the partition key's UTF-8 bytes read as an
/// unsigned 128-bit big-endian integer, unless the producer gives an explicit hash key.
/// </summary>
public static class PartitionKeyHash
{
    public static BigInteger Of(string partitionKey)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        Span<byte> digest = stackalloc byte[MD5.HashSizeInBytes];
#pragma warning disable CA5351 // MD5 is what Kinesis specifies for routing, not used for security.
        MD5.HashData(Encoding.UTF8.GetBytes(partitionKey), digest);
#pragma warning restore CA5351
        return new BigInteger(digest, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Parses an explicit hash key: a decimal integer in [0, 2^128-1].</summary>
    public static bool TryParseExplicit(string text, out BigInteger key)
    {
        key = default;
        if (string.IsNullOrEmpty(text) || text.Length > 39 || !text.All(char.IsAsciiDigit)) return false;
        key = BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return key <= HashKeyRange.MaxHashKey;
    }
}
