using Borealis.Engine.Keys;
using Borealis.Engine.Rows;
using CsCheck;

namespace Borealis.Engine.Tests.Rows;

public sealed class ColumnKeyOrderTests
{
    [Fact]
    public void Keys_of_random_values_order_as_the_values_for_every_type()
    {
        RowGenerators.Type.SelectMany(type =>
        {
            var value = RowGenerators.Value(type).Where(v => v.Tag != ValueTag.Overflow);
            return Gen.Select(value, value, (a, b) => (type, a, b));
        }).Sample(s =>
        {
            var ka = new KeyWriter().AppendColumn(s.type, s.a).AppendInt32(1).ToArray();
            var kb = new KeyWriter().AppendColumn(s.type, s.b).AppendInt32(2).ToArray();
            var byValue = ColumnKeys.Compare(s.type, s.a, s.b);
            if (byValue == 0) byValue = -1; // the tie-breaker 1 < 2
            Assert.True(Math.Sign(byValue) == Math.Sign(ka.AsSpan().SequenceCompareTo(kb)),
                $"{s.type.Kind}: {s.a} vs {s.b}: values {byValue}, keys {Convert.ToHexString(ka)} vs {Convert.ToHexString(kb)}");
        }, iter: 20000);
    }
}
