using System.Globalization;

namespace Borealis.Streams.Model;

/// <summary>
/// A record's sequence number: its shard and its byte position in the shard's log, written as a
/// fixed-width decimal like Kinesis's (<c>49</c>, 6 digits of shard index, 20 digits of position),
/// so numbers increase within a shard whether compared as strings or as big integers, and the
/// position to read from is in the number itself.
/// </summary>
public readonly record struct SequenceNumber(ShardId Shard, ulong Position)
{
    private const string Prefix = "49";
    private const int Length = 2 + 6 + 20;

    public const int Utf8Length = Length;

    /// <summary>Writes the number's 28 ASCII digits (the hot path: no string).</summary>
    public void Format(Span<byte> utf8)
    {
        utf8[0] = (byte)'4';
        utf8[1] = (byte)'9';
        System.Buffers.Text.Utf8Formatter.TryFormat(Shard.Index, utf8.Slice(2, 6), out _, new System.Buffers.StandardFormat('D', 6));
        System.Buffers.Text.Utf8Formatter.TryFormat(Position, utf8.Slice(8, 20), out _, new System.Buffers.StandardFormat('D', 20));
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Shard.Index:D6}{Position:D20}");

    public static bool TryParse(string? text, out SequenceNumber sequence)
    {
        sequence = default;
        if (text is null || text.Length != Length || !text.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        if (!int.TryParse(text.AsSpan(2, 6), NumberStyles.None, CultureInfo.InvariantCulture, out var shard)) return false;
        if (!ulong.TryParse(text.AsSpan(8, 20), NumberStyles.None, CultureInfo.InvariantCulture, out var position)) return false;
        sequence = new SequenceNumber(new ShardId(shard), position);
        return true;
    }
}
