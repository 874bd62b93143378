using Borealis.Engine.Keys;
using CsCheck;

namespace Borealis.Engine.Tests.Keys;

public class KeyRoundTripTests
{
    [Fact]
    public void Every_type_reads_back_as_written()
    {
        Gen.Select(Gen.Long, Gen.UInt, Gen.Short, Gen.SByte, Gen.Decimal, Gen.Byte.Array[0, 20], Gen.String).Sample((l, u, s, b, d, bytes, text) =>
        {
            var key = new KeyWriter().AppendInt64(l).AppendNull().AppendUInt32(u).AppendInt16(s).AppendSByte(b).AppendDecimal(d).AppendBytes(bytes).AppendString(text).ToArray();
            var reader = new KeyReader(key);
            Assert.Equal(l, reader.ReadInt64());
            Assert.True(reader.TryReadNull());
            Assert.False(reader.TryReadNull());
            Assert.Equal(u, reader.ReadUInt32());
            Assert.Equal(s, reader.ReadInt16());
            Assert.Equal(b, reader.ReadSByte());
            Assert.Equal(d, reader.ReadDecimal());
            Assert.Equal(bytes, reader.ReadBytes());
            var expected = System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(text));
            Assert.Equal(expected, reader.ReadString());
            Assert.True(reader.End);
        });
    }

    [Fact]
    public void Decimals_read_back_equal_in_value_at_every_scale()
    {
        Gen.Select(Gen.Int[-99999, 99999], Gen.Byte[0, 28]).Sample((m, scale) =>
        {
            var value = new decimal(Math.Abs(m), 0, 0, m < 0, scale);
            var key = new KeyWriter().AppendDecimal(value).ToArray();
            return new KeyReader(key).ReadDecimal() == value;
        });
        foreach (var value in new[] { decimal.MaxValue, decimal.MinValue, 1e-28m, -1e-28m, 1000000m, 0.5m })
            Assert.Equal(value, new KeyReader(new KeyWriter().AppendDecimal(value).ToArray()).ReadDecimal());
    }
}
