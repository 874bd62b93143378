using System.Text;
using CsCheck;

namespace Borealis.Common.Tests;

public class Crc32CTests
{
    // Check values from RFC 3720 appendix B.4 (iSCSI), which uses CRC-32C.
    [Theory]
    [InlineData("123456789", 0xE3069283u)]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xC1D04330u)]
    public void Known_ascii_vectors(string text, uint expected) =>
        Assert.Equal(expected, Crc32C.Compute(Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void Thirty_two_zero_bytes() => Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));

    [Fact]
    public void Thirty_two_0xff_bytes() => Assert.Equal(0x62A8AB43u, Crc32C.Compute(Enumerable.Repeat((byte)0xFF, 32).ToArray()));

    [Fact]
    public void Thirty_two_ascending_bytes() => Assert.Equal(0x46DD794Eu, Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));

    [Fact]
    public void Append_of_concatenation_equals_compute() =>
        Gen.Byte.Array[0, 100].Select(Gen.Byte.Array[0, 100]).Sample((a, b) =>
            Crc32C.Compute([.. a, .. b]) == ~Crc32C.Append(Crc32C.Append(~0u, a), b), iter: 500);

    [Fact]
    public void Append_at_every_split_point_equals_compute() =>
        Gen.Byte.Array[0, 64].SelectMany(a => Gen.Int[0, a.Length].Select(i => (a, i))).Sample(t =>
            Crc32C.Compute(t.a) == ~Crc32C.Append(Crc32C.Append(~0u, t.a.AsSpan(0, t.i)), t.a.AsSpan(t.i)), iter: 500);

    [Fact]
    public void Any_single_bit_flip_changes_the_crc() =>
        Gen.Byte.Array[1, 200].SelectMany(a => Gen.Int[0, a.Length * 8 - 1].Select(bit => (a, bit))).Sample(t =>
        {
            var flipped = (byte[])t.a.Clone();
            flipped[t.bit / 8] ^= (byte)(1 << (t.bit % 8));
            return Crc32C.Compute(flipped) != Crc32C.Compute(t.a);
        }, iter: 500);
}
