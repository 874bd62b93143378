using Borealis.Common;
using CsCheck;

namespace Borealis.Redo.Tests.Records;

public class TruncationHistoryTests
{
    private static readonly Gen<Truncation> GenTruncation =
        Gen.Select(Gen.ULong[1, 12], Gen.ULong[0, 100]).Select((e, k) => new Truncation(new Epoch(e), new Lsn(k)));

    private static readonly Gen<TruncationHistory> GenHistory =
        GenTruncation.Array[0, 6].Select(ts => ts.Aggregate(TruncationHistory.Empty, (h, t) => h.Add(t)));

    private static TruncationHistory Of(params (ulong Epoch, ulong Keep)[] items) =>
        items.Aggregate(TruncationHistory.Empty, (h, t) => h.Add(new Truncation(new Epoch(t.Epoch), new Lsn(t.Keep))));

    [Fact]
    public void Keeps_voids_only_older_epochs_above_the_point()
    {
        var h = Of((3, 50), (5, 40));
        Assert.True(h.Keeps(new Epoch(1), new Lsn(40)));
        Assert.False(h.Keeps(new Epoch(1), new Lsn(41)));  // epoch 5 keeps through 40 only
        Assert.True(h.Keeps(new Epoch(3), new Lsn(40)));
        Assert.False(h.Keeps(new Epoch(3), new Lsn(45)));  // epoch 3's own truncation does not apply to it, epoch 5's does
        Assert.True(h.Keeps(new Epoch(4), new Lsn(40)));
        Assert.True(h.Keeps(new Epoch(5), new Lsn(1000))); // the newest writer is never voided
        Assert.True(h.Keeps(new Epoch(6), new Lsn(1000)));
        Assert.True(TruncationHistory.Empty.Keeps(Epoch.Zero, Lsn.Max));
        Assert.Equal(new Epoch(5), h.NewestEpoch);
        Assert.Equal(Epoch.Zero, TruncationHistory.Empty.NewestEpoch);
    }

    [Fact]
    public void Keeps_matches_its_definition() =>
        Gen.Select(GenHistory, Gen.ULong[0, 13], Gen.ULong[0, 110]).Sample((h, e, l) =>
            h.Keeps(new Epoch(e), new Lsn(l)) == h.Items.All(t => t.Epoch.Value <= e || l <= t.KeepThrough.Value), iter: 500);

    [Fact]
    public void Keeps_is_monotone_in_the_lsn() =>
        Gen.Select(GenHistory, Gen.ULong[0, 13], Gen.ULong[0, 110], Gen.ULong[0, 110]).Sample((h, e, a, b) =>
            !h.Keeps(new Epoch(e), new Lsn(Math.Max(a, b))) || h.Keeps(new Epoch(e), new Lsn(Math.Min(a, b))), iter: 500);

    [Fact]
    public void Merge_is_commutative() =>
        Gen.Select(GenHistory, GenHistory).Sample((a, b) => a.Merge(b) == b.Merge(a), iter: 500);

    [Fact]
    public void Merge_is_associative() =>
        Gen.Select(GenHistory, GenHistory, GenHistory).Sample((a, b, c) => a.Merge(b).Merge(c) == a.Merge(b.Merge(c)), iter: 500);

    [Fact]
    public void Merge_is_idempotent_and_has_empty_as_identity() =>
        GenHistory.Sample(a => a.Merge(a) == a && a.Merge(TruncationHistory.Empty) == a && TruncationHistory.Empty.Merge(a) == a, iter: 500);

    [Fact]
    public void Merge_keeps_epochs_sorted_unique_with_the_smaller_point() =>
        Gen.Select(GenHistory, GenHistory).Sample((a, b) =>
        {
            var m = a.Merge(b);
            var expected = a.Items.Concat(b.Items).GroupBy(t => t.Epoch).OrderBy(g => g.Key)
                .Select(g => new Truncation(g.Key, g.Min(t => t.KeepThrough)));
            return m.Items.SequenceEqual(expected);
        }, iter: 500);

    [Fact]
    public void Merged_history_keeps_what_both_keep() =>
        Gen.Select(GenHistory, GenHistory, Gen.ULong[0, 13], Gen.ULong[0, 110]).Sample((a, b, e, l) =>
            a.Merge(b).Keeps(new Epoch(e), new Lsn(l)) == (a.Keeps(new Epoch(e), new Lsn(l)) && b.Keeps(new Epoch(e), new Lsn(l))), iter: 500);

    [Fact]
    public void Encoding_round_trips() =>
        GenHistory.Sample(h =>
        {
            var bytes = new byte[h.EncodedLength];
            h.Write(bytes);
            return TruncationHistory.TryRead(bytes, h.Count, out var read, out var used) && used == bytes.Length && read == h;
        }, iter: 300);

    [Fact]
    public void TryRead_rejects_short_input_unsorted_epochs_and_negative_counts()
    {
        var h = Of((2, 10), (4, 20));
        var bytes = new byte[h.EncodedLength];
        h.Write(bytes);
        Assert.False(TruncationHistory.TryRead(bytes.AsSpan(0, 31), 2, out _, out _));
        Assert.False(TruncationHistory.TryRead(bytes, 3, out _, out _));
        Assert.False(TruncationHistory.TryRead(bytes, -1, out _, out _));
        Assert.False(TruncationHistory.TryRead(bytes, int.MaxValue, out _, out _)); // count * 16 overflows
        Assert.False(TruncationHistory.TryRead(bytes, TruncationHistory.MaxCount + 1, out _, out _));
        var swapped = bytes[16..].Concat(bytes[..16]).ToArray();
        Assert.False(TruncationHistory.TryRead(swapped, 2, out _, out _));
        var duplicate = bytes[..16].Concat(bytes[..16]).ToArray();
        Assert.False(TruncationHistory.TryRead(duplicate, 2, out _, out _));
    }
}
