using System.Text;
using Borealis.Engine.Keys;
using CsCheck;

namespace Borealis.Engine.Tests.Keys;

/// <summary>encode(a) &lt; encode(b) bytewise exactly when a &lt; b, for every type the encoder knows.</summary>
public class KeyEncodingTests
{
    private static int Sign(int c) => Math.Sign(c);

    private static int CompareEncoded(Action<KeyWriter> a, Action<KeyWriter> b)
    {
        var x = new KeyWriter();
        var y = new KeyWriter();
        a(x);
        b(y);
        return Sign(x.Written.SequenceCompareTo(y.Written));
    }

    [Fact]
    public void Signed_integers_of_every_width_keep_their_order()
    {
        Gen.SByte.Select(Gen.SByte).Sample((a, b) => CompareEncoded(k => k.AppendSByte(a), k => k.AppendSByte(b)) == Sign(a.CompareTo(b)));
        Gen.Short.Select(Gen.Short).Sample((a, b) => CompareEncoded(k => k.AppendInt16(a), k => k.AppendInt16(b)) == Sign(a.CompareTo(b)));
        Gen.Int.Select(Gen.Int).Sample((a, b) => CompareEncoded(k => k.AppendInt32(a), k => k.AppendInt32(b)) == Sign(a.CompareTo(b)));
        Gen.Long.Select(Gen.Long).Sample((a, b) => CompareEncoded(k => k.AppendInt64(a), k => k.AppendInt64(b)) == Sign(a.CompareTo(b)));
    }

    [Fact]
    public void Unsigned_integers_of_every_width_keep_their_order()
    {
        Gen.Byte.Select(Gen.Byte).Sample((a, b) => CompareEncoded(k => k.AppendByte(a), k => k.AppendByte(b)) == Sign(a.CompareTo(b)));
        Gen.UShort.Select(Gen.UShort).Sample((a, b) => CompareEncoded(k => k.AppendUInt16(a), k => k.AppendUInt16(b)) == Sign(a.CompareTo(b)));
        Gen.UInt.Select(Gen.UInt).Sample((a, b) => CompareEncoded(k => k.AppendUInt32(a), k => k.AppendUInt32(b)) == Sign(a.CompareTo(b)));
        Gen.ULong.Select(Gen.ULong).Sample((a, b) => CompareEncoded(k => k.AppendUInt64(a), k => k.AppendUInt64(b)) == Sign(a.CompareTo(b)));
    }

    /// <summary>Decimals near each other in value (shared digits, other scales) as well as far apart.</summary>
    private static readonly Gen<decimal> GenDecimal = Gen.OneOf(
        Gen.Decimal,
        Gen.Select(Gen.Int[-10_000, 10_000], Gen.Byte[0, 6]).Select((m, s) => new decimal(Math.Abs(m), 0, 0, m < 0, s)),
        Gen.Select(Gen.Int[-99, 99], Gen.Byte[0, 28]).Select((m, s) => new decimal(Math.Abs(m), 0, 0, m < 0, s)),
        Gen.OneOfConst(0m, -0m, 0.000m, 1m, -1m, 1.0m, 10m, 0.1m, decimal.MaxValue, decimal.MinValue, 1e-28m, -1e-28m));

    [Fact]
    public void Decimals_keep_their_order_and_equal_values_encode_alike_whatever_the_scale()
    {
        GenDecimal.Select(GenDecimal).Sample((a, b) => CompareEncoded(k => k.AppendDecimal(a), k => k.AppendDecimal(b)) == Sign(a.CompareTo(b)), iter: 20_000);
        Assert.Equal(0, CompareEncoded(k => k.AppendDecimal(1.5m), k => k.AppendDecimal(1.500m)));
        Assert.Equal(0, CompareEncoded(k => k.AppendDecimal(0m), k => k.AppendDecimal(-0.00m)));
    }

    [Fact]
    public void Byte_strings_keep_their_order_and_a_prefix_sorts_first()
    {
        // Small alphabets with zero and 0xFF make prefixes, escapes and near-misses common.
        var gen = Gen.OneOf(Gen.Byte.Array[0, 12], Gen.OneOfConst<byte>(0, 1, 0xFF, 0x61).Array[0, 6]);
        gen.Select(gen).Sample((a, b) => CompareEncoded(k => k.AppendBytes(a), k => k.AppendBytes(b)) == Sign(a.AsSpan().SequenceCompareTo(b)), iter: 20_000);
        Assert.Equal(-1, CompareEncoded(k => k.AppendBytes("ab"u8), k => k.AppendBytes("ab\0"u8)));
    }

    [Fact]
    public void Strings_order_by_code_point()
    {
        var gen = Gen.OneOf(Gen.String, Gen.Char["\0abz\u00e9\u4e2d\ud83d\ude00"].Array[0, 5].Select(c => new string(c)));
        gen.Select(gen).Where((a, b) => !HasLoneSurrogate(a) && !HasLoneSurrogate(b)).Sample((a, b) =>
            CompareEncoded(k => k.AppendString(a), k => k.AppendString(b)) == Sign(CompareCodePoints(a, b)), iter: 20_000);
    }

    /// <summary>A lone surrogate has no code point; UTF-8 replaces it, so such strings are outside the property.</summary>
    private static bool HasLoneSurrogate(string s) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s)) != s;

    private static int CompareCodePoints(string a, string b)
    {
        var x = a.EnumerateRunes().Select(r => r.Value).ToArray();
        var y = b.EnumerateRunes().Select(r => r.Value).ToArray();
        return x.AsSpan().SequenceCompareTo(y);
    }

    [Fact]
    public void Null_sorts_before_every_value_and_tuples_compare_column_by_column()
    {
        Gen.Long.Sample(v => CompareEncoded(k => k.AppendNull(), k => k.AppendInt64(v)) < 0);
        Gen.String.Sample(v => CompareEncoded(k => k.AppendNull(), k => k.AppendString(v)) < 0);
        var column = Gen.OneOf(Gen.Int[-3, 3].Select(i => (int?)i), Gen.Const((int?)null));
        var tuple = Gen.Select(column, Gen.OneOfConst("", "a", "ab", "b"), column);
        tuple.Select(tuple).Sample((a, b) =>
        {
            var expected = CompareNullable(a.Item1, b.Item1);
            if (expected == 0) expected = Sign(string.CompareOrdinal(a.Item2, b.Item2));
            if (expected == 0) expected = CompareNullable(a.Item3, b.Item3);
            return CompareEncoded(k => Encode(k, a), k => Encode(k, b)) == expected;
        });
    }

    private static void Encode(KeyWriter k, (int?, string, int?) t)
    {
        if (t.Item1 is { } first) k.AppendInt32(first);
        else k.AppendNull();
        k.AppendString(t.Item2);
        if (t.Item3 is { } third) k.AppendInt32(third);
        else k.AppendNull();
    }

    private static int CompareNullable(int? a, int? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        _ => Sign(a.Value.CompareTo(b.Value)),
    };
}
