using System.Globalization;
using System.Numerics;
using Borealis.Streams.Model;

namespace Borealis.Streams.Tests.Model;

public sealed class KinesisNumbersTests
{
    [Fact]
    public void Two_shards_split_the_hash_key_space_exactly_as_Kinesis_does()
    {
        var ranges = HashKeyRange.SplitEvenly(2);
        Assert.Equal("0", HashKeyRange.Format(ranges[0].Start));
        Assert.Equal("170141183460469231731687303715884105727", HashKeyRange.Format(ranges[0].End));
        Assert.Equal("170141183460469231731687303715884105728", HashKeyRange.Format(ranges[1].Start));
        Assert.Equal("340282366920938463463374607431768211455", HashKeyRange.Format(ranges[1].End));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void Ranges_cover_every_hash_key_once(int shards)
    {
        var ranges = HashKeyRange.SplitEvenly(shards);
        Assert.Equal(BigInteger.Zero, ranges[0].Start);
        Assert.Equal(HashKeyRange.MaxHashKey, ranges[^1].End);
        for (var i = 1; i < shards; i++) Assert.Equal(ranges[i - 1].End + 1, ranges[i].Start);
    }

    [Fact]
    public void The_hash_key_of_a_partition_key_is_its_MD5_as_a_big_endian_unsigned_integer()
    {
        // md5("a") = 0cc175b9c0f1b6a831c399e269772661
        Assert.Equal(UInt128.Parse("0cc175b9c0f1b6a831c399e269772661", NumberStyles.HexNumber, CultureInfo.InvariantCulture), PartitionKeyHash.Of("a"));
        Assert.Equal(PartitionKeyHash.Of("a"), PartitionKeyHash.Of("a"u8));
        Assert.True(PartitionKeyHash.TryParseExplicit("340282366920938463463374607431768211455", out _));
        Assert.False(PartitionKeyHash.TryParseExplicit("340282366920938463463374607431768211456", out _));
        Assert.False(PartitionKeyHash.TryParseExplicit("-1", out _));
    }

    [Fact]
    public void Sequence_numbers_round_trip_and_order_the_same_as_strings_and_as_numbers()
    {
        var a = new SequenceNumber(new ShardId(3), 17);
        var b = new SequenceNumber(new ShardId(3), 1_000_000_000_000);
        Assert.True(SequenceNumber.TryParse(a.ToString(), out var parsed));
        Assert.Equal(a, parsed);
        Assert.Equal("4900000300000000000000000017", a.ToString());
        Assert.True(string.CompareOrdinal(a.ToString(), b.ToString()) < 0);
        Assert.True(BigInteger.Parse(a.ToString(), CultureInfo.InvariantCulture) < BigInteger.Parse(b.ToString(), CultureInfo.InvariantCulture));
        Assert.False(SequenceNumber.TryParse("49000003", out _));
        var utf8 = new byte[SequenceNumber.Utf8Length];
        b.Format(utf8);
        Assert.Equal(b.ToString(), System.Text.Encoding.ASCII.GetString(utf8));
    }

    [Fact]
    public void Shard_ids_read_as_Kinesis_writes_them()
    {
        Assert.Equal("shardId-000000000012", new ShardId(12).ToString());
        var utf8 = new byte[32];
        Assert.Equal("shardId-000000000012", System.Text.Encoding.ASCII.GetString(utf8, 0, new ShardId(12).Format(utf8)));
        Assert.True(ShardId.TryParse("shardId-000000000012", out var id) && id.Index == 12);
        Assert.True(ShardId.TryParse("12", out id) && id.Index == 12);
        Assert.False(ShardId.TryParse("shard-12", out _));
    }
}
