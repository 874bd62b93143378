using System.Numerics;
using Borealis.Engine.Keys;
using CsCheck;

namespace Borealis.Engine.Tests.Keys;

/// <summary>Decimals of up to 65 digits (MySQL's DECIMAL), checked against BigInteger arithmetic.</summary>
public class WideDecimalTests
{
    private sealed record Wide(bool Negative, byte[] Digits, int Exponent)
    {
        /// <summary>The value times 10^200, exact.</summary>
        public BigInteger Scaled()
        {
            var mantissa = BigInteger.Zero;
            foreach (var d in Digits) mantissa = mantissa * 10 + d;
            var value = mantissa * BigInteger.Pow(10, 200 + Exponent - Digits.Length);
            return Negative ? -value : value;
        }

        public byte[] Encode() => new KeyWriter().AppendDecimal(Negative, Digits, Exponent).ToArray();
    }

    private static readonly Gen<Wide> GenWide = Gen.Select(Gen.Bool, Gen.OneOf(Gen.Byte[0, 9].Array[0, 65], Gen.OneOfConst<byte>(0, 1, 9).Array[0, 8]), Gen.Int[-40, 70])
        .Select((negative, digits, exponent) => new Wide(negative, digits, exponent));

    [Fact]
    public void Wide_decimals_keep_their_order()
    {
        GenWide.Select(GenWide).Sample((a, b) =>
            Math.Sign(a.Encode().AsSpan().SequenceCompareTo(b.Encode())) == a.Scaled().CompareTo(b.Scaled()), iter: 20_000);
    }

    [Fact]
    public void Wide_decimals_read_back_to_the_same_value()
    {
        GenWide.Sample(w =>
        {
            var (negative, digits, exponent) = new KeyReader(w.Encode()).ReadDecimalDigits();
            return new Wide(negative, digits, exponent).Scaled() == w.Scaled();
        });
    }

    [Fact]
    public void System_decimal_and_digit_forms_encode_alike()
    {
        Gen.Decimal.Sample(d =>
        {
            var text = Math.Abs(d).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var point = text.IndexOf('.', StringComparison.Ordinal);
            var integerDigits = point < 0 ? text.Length : point;
            var digits = text.Replace(".", "", StringComparison.Ordinal).Select(c => (byte)(c - '0')).ToArray();
            return new KeyWriter().AppendDecimal(d).Written.SequenceEqual(new KeyWriter().AppendDecimal(d < 0, digits, integerDigits).Written);
        });
    }
}
