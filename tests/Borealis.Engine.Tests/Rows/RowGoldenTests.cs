using System.Buffers.Binary;
using Borealis.Common;
using Borealis.Engine.Buffers;
using Borealis.Engine.Keys;
using Borealis.Engine.Pages;
using Borealis.Engine.Rows;
using Borealis.Redo;

namespace Borealis.Engine.Tests.Rows;

/// <summary>
/// Freezes the row format, the overflow page layout and the collated key encodings of
/// docs/engine.md ("Rows"). A failure here means a format change, not a bug fix.
/// </summary>
public sealed class RowGoldenTests(FleetFixture fixture) : IClassFixture<FleetFixture>
{
    private static readonly RowSchema Schema = new([
        ColumnType.Integer(ColumnKind.Int32, nullable: false),
        ColumnType.String(ColumnKind.VarChar, 10, Collation.Utf8mb40900AiCi),
        ColumnType.Integer(ColumnKind.Int8, unsigned: true),
        ColumnType.Bytes(ColumnKind.Blob, 65535),
        ColumnType.Temporal(ColumnKind.Date),
    ]);

    [Fact]
    public void A_row_has_the_documented_layout()
    {
        var row = RowWriter.ToArray(Schema, [
            ColumnValue.FromInt64(1), ColumnValue.FromString("ab"), ColumnValue.FromUInt64(255), ColumnValue.Null,
            ColumnValue.FromInt64(Temporal.PackDate(2024, 2, 29)),
        ]);
        // count 5 | bitmap: column 3 NULL | ends of VarChar and Blob | INT 1 | TINYINT UNSIGNED 255 | DATE 2024×512+2×32+29 | "ab"
        Assert.Equal("0500" + "08" + "0200" + "0200" + "01000000" + "FF" + "5DD00F" + "6162", Convert.ToHexString(row));
    }

    [Fact]
    public void An_overflow_reference_sets_bit_15_of_its_entry()
    {
        var row = RowWriter.ToArray(Schema, [
            ColumnValue.FromInt64(-2), ColumnValue.Null, ColumnValue.Null,
            ColumnValue.FromOverflow(new OverflowRef(new PageId(0x1234), 70000)), ColumnValue.Null,
        ]);
        Assert.Equal("0500" + "16" + "0000" + "1080" + "FEFFFFFF" + "00" + "000000" + "3412000000000000" + "7011010000000000", Convert.ToHexString(row));
        var reader = new RowReader(Schema, row);
        Assert.Equal(new OverflowRef(new PageId(0x1234), 70000), reader.GetValue(3).AsOverflow());
    }

    [Fact]
    public void Temporal_packings_are_frozen()
    {
        Assert.Equal(2024L * 512 + 2 * 32 + 29, Temporal.PackDate(2024, 2, 29));
        Assert.Equal(((((((2024L * 13) + 2) * 32 + 29) * 24 + 13) * 60 + 14) * 60 + 15) * 1_000_000 + 123456, Temporal.PackDateTime(2024, 2, 29, 13, 14, 15, 123456));
        Assert.Equal(1_000_000, Temporal.PackTimestamp(DateTimeOffset.UnixEpoch.AddSeconds(1)));
        Assert.Equal(-1_500_000, Temporal.PackTime(TimeSpan.FromSeconds(-1.5)));
    }

    [Fact]
    public void Collated_string_float_keys_are_frozen()
    {
        // 'A', two spaces then 'B' (0x04, ~2), trailing space dropped, end 0x03.
        Assert.Equal("014104FFFFFFFD4203", Convert.ToHexString(new KeyWriter().AppendString("a  b ", Collation.Utf8mb4GeneralCi).Written));
        // A tab after a space: below space (0x02, run 1, 0x09).
        Assert.Equal("0161020000000109" + "03", Convert.ToHexString(new KeyWriter().AppendString("a \t", Collation.Utf8mb4Bin).Written));
        Assert.Equal("01450001", Convert.ToHexString(new KeyWriter().AppendString("é", Collation.Utf8mb40900AiCi).Written));
        Assert.Equal("014546490001", Convert.ToHexString(new KeyWriter().AppendString("e\u0301ﬁ", Collation.Utf8mb40900AiCi).Written));
        Assert.Equal("01BFF0000000000000", Convert.ToHexString(new KeyWriter().AppendDouble(1.0).Written));
        Assert.Equal("01400FFFFFFFFFFFFF", Convert.ToHexString(new KeyWriter().AppendDouble(-1.0).Written));
        Assert.Equal("0180000000", Convert.ToHexString(new KeyWriter().AppendSingle(-0f).Written));
    }

    [Fact]
    public void Overflow_kind_and_collation_ids_keep_their_values()
    {
        Assert.Equal(5, (byte)PageKind.Overflow);
        Assert.Equal(45, Collation.Utf8mb4GeneralCi.Id);
        Assert.Equal(46, Collation.Utf8mb4Bin.Id);
        Assert.Equal(63, Collation.Binary.Id);
        Assert.Equal(255, Collation.Utf8mb40900AiCi.Id);
        Assert.Equal(309, Collation.Utf8mb40900Bin.Id);
    }

    [Fact]
    public async Task Overflow_pages_have_the_documented_layout()
    {
        await using var volume = await fixture.OpenVolumeAsync(FleetFixture.NewVolumeId());
        using var pool = new BufferPool(volume, 32);
        var value = Enumerable.Range(0, OverflowChain.PageCapacity + 3).Select(i => (byte)i).ToArray();
        var chain = await OverflowChain.WriteAsync(pool, value);
        // Written back to front: the last page is allocated first.
        Assert.Equal(new OverflowRef(new PageId(PageAllocator.FirstAllocatable + 1), value.Length), chain);

        var first = new byte[PageFrame.PageSize];
        await volume.ReadPageAsync(chain.First, first);
        Assert.Equal("05000000" + "D03F0000" + "1000000000000000" + "00010203", Convert.ToHexString(first.AsSpan(32, 20)));
        var last = new byte[PageFrame.PageSize];
        await volume.ReadPageAsync(new PageId(PageAllocator.FirstAllocatable), last);
        Assert.Equal("05000000" + "03000000" + "0000000000000000", Convert.ToHexString(last.AsSpan(32, 16)));
        Assert.Equal(value.AsSpan(OverflowChain.PageCapacity).ToArray(), last.AsSpan(48, 3).ToArray());
        Assert.Equal(OverflowChain.PageCapacity, BinaryPrimitives.ReadInt32LittleEndian(first.AsSpan(36)));
    }
}
