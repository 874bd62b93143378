using Borealis.Engine.Buffers;

namespace Borealis.Engine.Rows;

/// <summary>
/// Decides which values of a row go to overflow pages, as InnoDB's DYNAMIC format does: while
/// the encoded row is longer than allowed, the longest byte value still in the row moves to a
/// chain of its own and the row keeps a 16-byte reference.
/// </summary>
public static class RowOverflow
{
    /// <summary>
    /// Replaces, in <paramref name="values"/>, the longest in-row byte values by references to
    /// newly written chains until the row encodes in at most <paramref name="maxRowLength"/>
    /// bytes (<see cref="RowFormat.MaxRowLength"/> for a B+tree entry); returns how many moved.
    /// The chains are durable when it returns; write the row next (see <see cref="OverflowChain"/>
    /// for what a crash in between leaves). A value shorter than a reference never moves.
    /// </summary>
    public static async ValueTask<int> SpillAsync(BufferPool pool, RowSchema schema, ColumnValue[] values, int maxRowLength, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(values);
        var moved = 0;
        while (EncodedLength(schema, values) > maxRowLength)
        {
            var longest = -1;
            for (var i = 0; i < values.Length; i++)
                if (schema[i].IsVariableLength && values[i].Tag == ValueTag.Bytes && values[i].AsBytes().Length > OverflowRef.Size
                    && (longest < 0 || values[i].AsBytes().Length > values[longest].AsBytes().Length))
                    longest = i;
            if (longest < 0) throw new ArgumentException($"the row takes {EncodedLength(schema, values)} bytes with every long value in overflow pages, more than {maxRowLength}");
            var chain = await OverflowChain.WriteAsync(pool, values[longest].AsBytes(), cancellationToken).ConfigureAwait(false);
            values[longest] = ColumnValue.FromOverflow(chain);
            moved++;
        }
        return moved;
    }

    /// <summary>The row's length, counting in-row values however long (the writer would refuse past 32 KiB).</summary>
    private static long EncodedLength(RowSchema schema, ColumnValue[] values)
    {
        long variable = 0;
        for (var i = 0; i < values.Length; i++)
            if (schema[i].IsVariableLength)
                variable += values[i].Tag switch { ValueTag.Bytes => values[i].AsBytes().Length, ValueTag.Overflow => OverflowRef.Size, _ => 0 };
        return schema.HeaderLength(values.Length) + schema.FixedBefore(values.Length) + variable;
    }
}
