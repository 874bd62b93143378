using System.Buffers;
using Borealis.Engine.Keys;
using Borealis.Engine.Rows;
using CsCheck;

namespace Borealis.Engine.Tests.Rows;

public sealed class RowRoundTripTests
{
    [Fact]
    public void Random_rows_of_random_schemas_read_back_as_written()
    {
        RowGenerators.SchemaAndRow.Sample(sample =>
        {
            var (types, values) = sample;
            var schema = new RowSchema(types);
            var buffer = new ArrayBufferWriter<byte>();
            var length = RowWriter.Write(schema, values, buffer);
            Assert.Equal(RowWriter.MeasureLength(schema, values), length);
            var reader = new RowReader(schema, buffer.WrittenMemory);
            Assert.Equal(types.Length, reader.ColumnCount);
            // Backwards: each column is reached directly, not by walking the ones before it.
            for (var i = types.Length - 1; i >= 0; i--)
            {
                Assert.Equal(values[i].IsNull, reader.IsNull(i));
                var read = reader.GetValue(i);
                Assert.True(RowGenerators.Same(values[i], read), $"column {i} ({types[i].Kind}): wrote {values[i]}, read {read}");
            }
            // The same through the span reader, which hands out spans and never a copy.
            var span = new RowSpanReader(schema, buffer.WrittenSpan);
            for (var i = 0; i < types.Length; i++)
            {
                if (!types[i].IsVariableLength) Assert.True(RowGenerators.Same(values[i], span.GetScalar(i)));
                else if (values[i].Tag == ValueTag.Overflow) Assert.Equal(values[i].AsOverflow(), span.GetOverflow(i));
                else
                {
                    Assert.False(span.IsOverflow(i));
                    Assert.True(span.GetBytes(i).SequenceEqual(values[i].IsNull ? [] : values[i].AsBytes().Span));
                }
            }
        }, iter: 2000);
    }

    [Fact]
    public void Rows_written_before_an_added_column_read_its_default()
    {
        Gen.Select(RowGenerators.SchemaAndRow, RowGenerators.Type).SelectMany(s =>
            RowGenerators.Value(s.Item2).Select(d => (s.Item1.Types, s.Item1.Values, Added: s.Item2, Default: d))).Sample(sample =>
        {
            var old = new RowSchema(sample.Types);
            var row = RowWriter.ToArray(old, sample.Values);
            var reader = new RowReader(old.AddColumn(sample.Added, sample.Default), row);
            Assert.Equal(sample.Types.Length, reader.ColumnCount);
            Assert.Equal(sample.Default.IsNull, reader.IsNull(sample.Types.Length));
            Assert.True(RowGenerators.Same(sample.Default, reader.GetValue(sample.Types.Length)));
            for (var i = 0; i < sample.Types.Length; i++) Assert.True(RowGenerators.Same(sample.Values[i], reader.GetValue(i)));
        }, iter: 500);
    }

    [Fact]
    public void Values_that_do_not_fit_their_column_are_refused()
    {
        var schema = new RowSchema([ColumnType.Integer(ColumnKind.Int8, nullable: false), ColumnType.Decimal(5, 2), ColumnType.Bytes(ColumnKind.VarBinary, 3)]);
        Assert.Throws<ArgumentException>(() => RowWriter.ToArray(schema, [ColumnValue.Null, ColumnValue.Null, ColumnValue.Null]));
        Assert.Throws<ArgumentException>(() => RowWriter.ToArray(schema, [ColumnValue.FromInt64(128), ColumnValue.Null, ColumnValue.Null]));
        Assert.Throws<ArgumentException>(() => RowWriter.ToArray(schema, [ColumnValue.FromInt64(1), ColumnValue.FromDecimal(1000m), ColumnValue.Null]));
        Assert.Throws<ArgumentException>(() => RowWriter.ToArray(schema, [ColumnValue.FromInt64(1), ColumnValue.FromDecimal(1.005m), ColumnValue.Null]));
        Assert.Throws<ArgumentException>(() => RowWriter.ToArray(schema, [ColumnValue.FromInt64(1), ColumnValue.Null, ColumnValue.FromBytes(new byte[4])]));
        Assert.Throws<ArgumentException>(() => RowWriter.ToArray(schema, [ColumnValue.FromUInt64(1), ColumnValue.Null, ColumnValue.Null]));
        Assert.Equal(-12.5m, new RowReader(schema, RowWriter.ToArray(schema, [ColumnValue.FromInt64(-128), ColumnValue.FromDecimal(-12.500m), ColumnValue.Null])).GetDecimal(1));
    }

    [Fact]
    public void Corrupt_rows_throw_invalid_data_and_never_read_outside_themselves()
    {
        var schema = new RowSchema([ColumnType.Integer(ColumnKind.Int64), ColumnType.String(ColumnKind.VarChar, 100, Collation.Utf8mb4Bin), ColumnType.Bytes(ColumnKind.Blob, 1000)]);
        var row = RowWriter.ToArray(schema, [ColumnValue.FromInt64(7), ColumnValue.FromString("hello"), ColumnValue.FromBytes(new byte[] { 1, 2, 3 })]);
        Gen.Int[0, row.Length - 1].Select(Gen.Byte, (at, b) => (at, b)).Sample(change =>
        {
            var bad = row.ToArray();
            bad[change.at] = change.b;
            try
            {
                var reader = new RowReader(schema, bad);
                for (var i = 0; i < schema.Count; i++) _ = reader.GetValue(i);
            }
            catch (InvalidDataException) { }
        });
        for (var cut = 0; cut < row.Length; cut++)
            Assert.Throws<InvalidDataException>(() => new RowReader(schema, row.AsMemory(0, cut)));
    }
}
