using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Borealis.Streams.Iterators;

/// <summary>
/// A shard iterator: which stream (by name and creation time, so a recreated stream does not
/// accept an old iterator), which shard, where to read next, and when it stops being valid.
/// Handed to clients as an opaque token signed with HMAC-SHA256 (truncated to 16 bytes), so a
/// client can neither forge one nor move one to another position. Token layout before base64:
/// <code>
///  0  u8  format (1)
///  1  i64 expiry (Unix ms)
///  9  i64 stream creation time (Unix ms)
/// 17  i32 shard index
/// 21  u64 log position
/// 29  u8  stream name length n, n bytes UTF-8 name
///     16 bytes HMAC of everything before
/// </code>
/// </summary>
public readonly record struct ShardIterator(string StreamName, long StreamCreatedUnixMs, int ShardIndex, ulong Position, long ExpiresUnixMs)
{
    /// <summary>Kinesis's iterator lifetime.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private const byte Format = 1;
    private const int FixedSize = 29;
    private const int MacSize = 16;

    public string Encode(byte[] key)
    {
        var name = Encoding.UTF8.GetBytes(StreamName);
        var token = new byte[FixedSize + 1 + name.Length + MacSize];
        token[0] = Format;
        BinaryPrimitives.WriteInt64LittleEndian(token.AsSpan(1), ExpiresUnixMs);
        BinaryPrimitives.WriteInt64LittleEndian(token.AsSpan(9), StreamCreatedUnixMs);
        BinaryPrimitives.WriteInt32LittleEndian(token.AsSpan(17), ShardIndex);
        BinaryPrimitives.WriteUInt64LittleEndian(token.AsSpan(21), Position);
        token[FixedSize] = (byte)name.Length;
        name.CopyTo(token.AsSpan(FixedSize + 1));
        Sign(key, token.AsSpan(0, token.Length - MacSize), token.AsSpan(token.Length - MacSize));
        return Convert.ToBase64String(token);
    }

    /// <summary>Decodes a token; false when it is malformed or its signature does not match (forged or altered).</summary>
    public static bool TryDecode(string text, byte[] key, out ShardIterator iterator)
    {
        iterator = default;
        if (string.IsNullOrEmpty(text) || text.Length > 1024) return false;
        var token = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, token, out var length)) return false;
        var bytes = token.AsSpan(0, length);
        if (bytes.Length < FixedSize + 1 + MacSize || bytes[0] != Format) return false;
        var nameLength = bytes[FixedSize];
        if (bytes.Length != FixedSize + 1 + nameLength + MacSize) return false;
        Span<byte> expected = stackalloc byte[MacSize];
        Sign(key, bytes[..^MacSize], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes[^MacSize..])) return false;
        iterator = new ShardIterator(
            Encoding.UTF8.GetString(bytes.Slice(FixedSize + 1, nameLength)),
            BinaryPrimitives.ReadInt64LittleEndian(bytes[9..]),
            BinaryPrimitives.ReadInt32LittleEndian(bytes[17..]),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[21..]),
            BinaryPrimitives.ReadInt64LittleEndian(bytes[1..]));
        return true;
    }

    private static void Sign(byte[] key, ReadOnlySpan<byte> data, Span<byte> mac)
    {
        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, data, full);
        full[..MacSize].CopyTo(mac);
    }
}
