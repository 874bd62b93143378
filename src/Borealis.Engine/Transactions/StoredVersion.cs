using System.Buffers.Binary;

namespace Borealis.Engine.Transactions;

/// <summary>
/// What a transactional index stores as a B+tree value: the commit stamp of the transaction
/// that wrote it, a tombstone flag, then the caller's value. Layout (frozen by a golden test):
/// u64 stamp (little-endian) · u8 flags (bit 0: deleted) · value bytes.
/// </summary>
internal static class StoredVersion
{
    public const int HeaderSize = 9;
    private const byte TombstoneFlag = 1;

    public static byte[] Encode(ulong stamp, bool tombstone, ReadOnlySpan<byte> value)
    {
        var stored = new byte[HeaderSize + value.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(stored, stamp);
        stored[8] = tombstone ? TombstoneFlag : (byte)0;
        value.CopyTo(stored.AsSpan(HeaderSize));
        return stored;
    }

    public static ulong Stamp(ReadOnlySpan<byte> stored) => BinaryPrimitives.ReadUInt64LittleEndian(Check(stored));

    public static bool IsTombstone(ReadOnlySpan<byte> stored) => (Check(stored)[8] & TombstoneFlag) != 0;

    public static byte[] Value(ReadOnlySpan<byte> stored) => Check(stored)[HeaderSize..].ToArray();

    /// <summary>The caller's value, or null for a tombstone.</summary>
    public static byte[]? ValueOrNull(ReadOnlySpan<byte> stored) => IsTombstone(stored) ? null : Value(stored);

    private static ReadOnlySpan<byte> Check(ReadOnlySpan<byte> stored) =>
        stored.Length >= HeaderSize ? stored : throw new InvalidDataException($"a stored row version of {stored.Length} bytes is shorter than its {HeaderSize}-byte header");
}
