using System.Buffers.Binary;

namespace Borealis.Engine.Keys;

public sealed partial class KeyWriter
{
    /// <summary>
    /// A DOUBLE: its IEEE bits big-endian, all inverted for negative numbers and with the sign
    /// bit set for the others, which orders them numerically. -0 is written as 0 (they are
    /// equal in MySQL); NaN is refused (MySQL has none).
    /// </summary>
    public KeyWriter AppendDouble(double value)
    {
        if (double.IsNaN(value)) throw new ArgumentOutOfRangeException(nameof(value), "NaN has no place in an index");
        if (value == 0) value = 0; // -0 → +0
        var bits = (ulong)BitConverter.DoubleToInt64Bits(value);
        bits = (bits & 0x8000_0000_0000_0000ul) != 0 ? ~bits : bits | 0x8000_0000_0000_0000ul;
        BinaryPrimitives.WriteUInt64BigEndian(ReserveTagged(8), bits);
        return this;
    }

    /// <summary>A FLOAT: as <see cref="AppendDouble"/>, in 4 bytes.</summary>
    public KeyWriter AppendSingle(float value)
    {
        if (float.IsNaN(value)) throw new ArgumentOutOfRangeException(nameof(value), "NaN has no place in an index");
        if (value == 0) value = 0;
        var bits = (uint)BitConverter.SingleToInt32Bits(value);
        bits = (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
        BinaryPrimitives.WriteUInt32BigEndian(ReserveTagged(4), bits);
        return this;
    }
}
