using System.Text;
using Borealis.Engine.Keys;
using Borealis.Engine.Rows;
using CsCheck;

namespace Borealis.Engine.Tests.Keys;

public sealed class CollationKeyTests
{
    private static readonly Collation[] s_all = [Collation.Utf8mb4GeneralCi, Collation.Utf8mb4Bin, Collation.Binary, Collation.Utf8mb40900AiCi, Collation.Utf8mb40900Bin];

    /// <summary>Strings from an alphabet full of near-equal characters: cases, accents, spaces, controls, ligatures.</summary>
    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.Char["aAbB eEéÉèÊ\u0301\t\0ßﬁ_zZ\u00A0Ωω𝐀🙂"].Array[0, 8].Select(c => new string(c)),
        Gen.String);

    private static int Sign(int x) => Math.Sign(x);

    [Fact]
    public void Key_order_is_the_collation_order_for_every_collation()
    {
        Gen.Select(Gen.Int[0, s_all.Length - 1], Text, Text, Gen.Int, Gen.Int).Sample((c, a, b, x, y) =>
        {
            var collation = s_all[c];
            var ka = new KeyWriter().AppendString(a, collation).AppendInt32(x).ToArray();
            var kb = new KeyWriter().AppendString(b, collation).AppendInt32(y).ToArray();
            var byValue = collation.Compare(a, b);
            if (byValue == 0) byValue = x.CompareTo(y);
            Assert.True(Sign(byValue) == Sign(ka.AsSpan().SequenceCompareTo(kb)),
                $"{collation}: ('{Escape(a)}', {x}) vs ('{Escape(b)}', {y}): values {byValue}, keys {Convert.ToHexString(ka)} vs {Convert.ToHexString(kb)}");
            var reader = new KeyReader(ka);
            reader.SkipString(collation);
            Assert.Equal(x, reader.ReadInt32());
            Assert.True(reader.End);
        }, iter: 20000);
    }

    [Fact]
    public void Compare_is_a_total_order()
    {
        Gen.Select(Gen.Int[0, s_all.Length - 1], Text, Text, Text).Sample((c, a, b, d) =>
        {
            var collation = s_all[c];
            Assert.Equal(Sign(collation.Compare(a, b)), -Sign(collation.Compare(b, a)));
            if (collation.Compare(a, b) <= 0 && collation.Compare(b, d) <= 0) Assert.True(collation.Compare(a, d) <= 0);
        }, iter: 5000);
    }

    [Theory]
    [InlineData("utf8mb4_general_ci", "a", "A  ", 0)]
    [InlineData("utf8mb4_general_ci", "é", "E", 0)]
    [InlineData("utf8mb4_general_ci", "a", "a\t", 1)]
    [InlineData("utf8mb4_general_ci", "ab", "a c", 1)]
    [InlineData("utf8mb4_bin", "a", "a ", 0)]
    [InlineData("utf8mb4_bin", "a", "A", 1)]
    [InlineData("utf8mb4_0900_ai_ci", "é", "E", 0)]
    [InlineData("utf8mb4_0900_ai_ci", "e\u0301", "É", 0)]
    [InlineData("utf8mb4_0900_ai_ci", "ﬁ", "FI", 0)]
    [InlineData("utf8mb4_0900_ai_ci", "Ωmega", "ωMEGA", 0)]
    [InlineData("utf8mb4_0900_ai_ci", "a", "a ", -1)]
    [InlineData("utf8mb4_0900_ai_ci", "résumé", "RESUME", 0)]
    [InlineData("utf8mb4_0900_ai_ci", "Straße", "STRASSE", 0)]
    [InlineData("utf8mb4_general_ci", "ß", "SS", 1)]
    [InlineData("utf8mb4_0900_bin", "a", "a ", -1)]
    [InlineData("binary", "a", "a\0", -1)]
    public void Collations_equate_and_order_as_documented(string name, string a, string b, int expected)
    {
        var collation = s_all.Single(c => c.Name == name);
        Assert.Equal(expected, collation.Compare(a, b));
        var ka = new KeyWriter().AppendString(a, collation).ToArray();
        var kb = new KeyWriter().AppendString(b, collation).ToArray();
        Assert.Equal(expected, Sign(ka.AsSpan().SequenceCompareTo(kb)));
    }

    [Fact]
    public void Collations_are_found_by_id()
    {
        foreach (var c in s_all) Assert.Same(c, Collation.FromId(c.Id));
        Assert.False(Collation.TryFromId(8, out _));
    }

    [Fact]
    public void Float_keys_order_numerically_and_read_back()
    {
        Gen.Select(Gen.Double, Gen.Double).Where((a, b) => !double.IsNaN(a) && !double.IsNaN(b)).Sample((a, b) =>
        {
            var ka = new KeyWriter().AppendDouble(a).ToArray();
            var kb = new KeyWriter().AppendDouble(b).ToArray();
            Assert.Equal(Sign(a.CompareTo(b) == 0 || a == b ? 0 : a.CompareTo(b)), Sign(ka.AsSpan().SequenceCompareTo(kb)));
            Assert.Equal(a == 0 ? 0 : a, new KeyReader(ka).ReadDouble());
        });
        Gen.Select(Gen.Float, Gen.Float).Where((a, b) => !float.IsNaN(a) && !float.IsNaN(b)).Sample((a, b) =>
        {
            var ka = new KeyWriter().AppendSingle(a).ToArray();
            var kb = new KeyWriter().AppendSingle(b).ToArray();
            Assert.Equal(Sign(a == b ? 0 : a.CompareTo(b)), Sign(ka.AsSpan().SequenceCompareTo(kb)));
            Assert.Equal(a == 0 ? 0 : a, new KeyReader(ka).ReadSingle());
        });
        Assert.Equal(new KeyWriter().AppendDouble(0.0).ToArray(), new KeyWriter().AppendDouble(-0.0).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => new KeyWriter().AppendDouble(double.NaN));
    }

    [Fact]
    public void Packed_dates_and_times_order_as_the_dates_and_times_do()
    {
        var moment = Gen.Select(Gen.Int[0, 9999], Gen.Int[0, 12], Gen.Int[0, 31], Gen.Int[0, 86399], Gen.Int[0, 999_999]);
        Gen.Select(moment, moment).Sample((a, b) =>
        {
            var pa = Temporal.PackDateTime(a.Item1, a.Item2, a.Item3, a.Item4 / 3600, a.Item4 / 60 % 60, a.Item4 % 60, a.Item5);
            var pb = Temporal.PackDateTime(b.Item1, b.Item2, b.Item3, b.Item4 / 3600, b.Item4 / 60 % 60, b.Item4 % 60, b.Item5);
            Assert.Equal(Sign(a.CompareTo(b)), Sign(pa.CompareTo(pb)));
            Assert.Equal(Sign(pa.CompareTo(pb)), Sign(new KeyWriter().AppendInt64(pa).Written.SequenceCompareTo(new KeyWriter().AppendInt64(pb).Written)));
            Assert.Equal((a.Item1, a.Item2, a.Item3, a.Item4 / 3600, a.Item4 / 60 % 60, a.Item4 % 60, a.Item5), Temporal.UnpackDateTime(pa));
            var da = Temporal.PackDate(a.Item1, a.Item2, a.Item3);
            var db = Temporal.PackDate(b.Item1, b.Item2, b.Item3);
            Assert.Equal(Sign((a.Item1, a.Item2, a.Item3).CompareTo((b.Item1, b.Item2, b.Item3))), Sign(da.CompareTo(db)));
            Assert.Equal((a.Item1, a.Item2, a.Item3), Temporal.UnpackDate(da));
        });
    }

    private static string Escape(string s)
    {
        var b = new StringBuilder();
        foreach (var r in s.EnumerateRunes()) b.Append(r.Value is < 0x20 or > 0x7E ? $"\\u{r.Value:X4}" : r.ToString());
        return b.ToString();
    }
}
