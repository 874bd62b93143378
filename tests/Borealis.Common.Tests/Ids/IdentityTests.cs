using CsCheck;

namespace Borealis.Common.Tests.Ids;

public class IdentityTests
{
    [Fact]
    public void Lsn_orders_like_its_value() =>
        Gen.ULong.Select(Gen.ULong).Sample((a, b) =>
        {
            Lsn x = new(a), y = new(b);
            return (x < y) == (a < b) && (x > y) == (a > b) && (x <= y) == (a <= b) && (x >= y) == (a >= b)
                && Math.Sign(x.CompareTo(y)) == Math.Sign(a.CompareTo(b))
                && Lsn.Min(x, y).Value == Math.Min(a, b) && Lsn.MaxOf(x, y).Value == Math.Max(a, b);
        }, iter: 300);

    [Fact]
    public void Epoch_orders_like_its_value() =>
        Gen.ULong.Select(Gen.ULong).Sample((a, b) =>
        {
            Epoch x = new(a), y = new(b);
            return (x < y) == (a < b) && (x > y) == (a > b) && (x <= y) == (a <= b) && (x >= y) == (a >= b)
                && Math.Sign(x.CompareTo(y)) == Math.Sign(a.CompareTo(b));
        }, iter: 300);

    [Fact]
    public void Lsn_constants_and_steps()
    {
        Assert.Equal(0ul, Lsn.Zero.Value);
        Assert.Equal(ulong.MaxValue, Lsn.Max.Value);
        Assert.True(Lsn.Zero < Lsn.Zero.Next);
        Assert.Equal(new Lsn(10), new Lsn(7).Add(3));
        Assert.Equal(new Epoch(5), new Epoch(4).Next);
        Assert.Equal("42", new Lsn(42).ToString());
        Assert.Equal(new[] { new Lsn(1), new Lsn(2), new Lsn(9) }, new[] { new Lsn(9), new Lsn(1), new Lsn(2) }.Order());
    }

    [Theory]
    [InlineData("localhost:5000", "localhost", 5000, "")]
    [InlineData("10.0.0.1:1@az1", "10.0.0.1", 1, "az1")]
    [InlineData("node-a:65535@us-east-1a", "node-a", 65535, "us-east-1a")]
    [InlineData("[::1]:7000@z", "[::1]", 7000, "z")]
    [InlineData("h:80@", "h", 80, "")]
    public void NodeAddress_parses(string text, string host, int port, string zone) =>
        Assert.Equal(new NodeAddress(host, port, zone), NodeAddress.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("host")]
    [InlineData(":80")]
    [InlineData("host:")]
    [InlineData("host:0")]
    [InlineData("host:65536")]
    [InlineData("host:-1")]
    [InlineData("host:+80")]
    [InlineData("host: 80")]
    [InlineData("host:80x")]
    [InlineData("host:99999999999")]
    [InlineData("@zone")]
    [InlineData("host@zone:80")]
    public void NodeAddress_rejects(string text) => Assert.Throws<FormatException>(() => NodeAddress.Parse(text));

    [Fact]
    public void NodeAddress_round_trips_through_ToString() =>
        Gen.Select(Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789.-"], 1, 20], Gen.Int[1, 65535], Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-"], 0, 10])
            .Sample((host, port, zone) => NodeAddress.Parse(new NodeAddress(host, port, zone).ToString()) == new NodeAddress(host, port, zone), iter: 300);
}
