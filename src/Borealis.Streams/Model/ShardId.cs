using System.Globalization;

namespace Borealis.Streams.Model;

/// <summary>A shard of a stream, by its index; written as Kinesis writes it, <c>shardId-000000000000</c>.</summary>
public readonly record struct ShardId(int Index)
{
    private const string Prefix = "shardId-";

    /// <summary>Writes <c>shardId-</c> and 12 digits (the hot path: no string); returns the bytes written.</summary>
    public int Format(Span<byte> utf8)
    {
        "shardId-"u8.CopyTo(utf8);
        System.Buffers.Text.Utf8Formatter.TryFormat(Index, utf8[8..], out var digits, new System.Buffers.StandardFormat('D', 12));
        return 8 + digits;
    }

    public override string ToString() => Prefix + Index.ToString("D12", CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out ShardId shard)
    {
        shard = default;
        if (text is null) return false;
        // Kinesis also accepts the bare number ("1" names shardId-000000000001).
        var digits = text.StartsWith(Prefix, StringComparison.Ordinal) ? text[Prefix.Length..] : text;
        if (digits.Length is 0 or > 12 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var index)) return false;
        shard = new ShardId(index);
        return true;
    }
}
