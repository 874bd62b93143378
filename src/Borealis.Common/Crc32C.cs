using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Borealis.Common;

/// <summary>
/// CRC-32C (Castagnoli), the checksum on every record, page and frame. Uses the CPU's
/// crc32 instruction through <see cref="BitOperations.Crc32C(uint, ulong)"/>.
/// </summary>
public static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data) => ~Append(~0u, data);

    /// <summary>Continues a running (non-finalised) CRC over more data.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var words = MemoryMarshal.Cast<byte, ulong>(data);
        foreach (var w in words)
            crc = BitOperations.Crc32C(crc, BitConverter.IsLittleEndian ? w : BinaryPrimitives.ReverseEndianness(w));
        for (var i = words.Length * 8; i < data.Length; i++)
            crc = BitOperations.Crc32C(crc, data[i]);
        return crc;
    }
}
