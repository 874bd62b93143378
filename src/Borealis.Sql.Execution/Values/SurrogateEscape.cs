using System.Text;
using System.Text.Unicode;

namespace Borealis.Sql.Execution.Values;

/// <summary>
/// SQL text is UTF-8, except inside _binary'...' literals, where clients (MySqlConnector sends
/// byte[] parameters this way) put raw bytes. Bytes that are not valid UTF-8 become U+DC80+byte
/// (Python's "surrogateescape"), so the parser sees text and a binary literal gets its exact bytes back.
/// </summary>
internal static class SurrogateEscape
{
    public static string Decode(ReadOnlySpan<byte> utf8)
    {
        if (Utf8.IsValid(utf8)) return Encoding.UTF8.GetString(utf8);
        var text = new StringBuilder(utf8.Length);
        while (!utf8.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(utf8, out var rune, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                text.Append(rune.ToString());
                utf8 = utf8[consumed..];
            }
            else
            {
                text.Append((char)(0xDC00 + utf8[0]));
                utf8 = utf8[1..];
            }
        }
        return text.ToString();
    }

    public static byte[] Encode(string text)
    {
        var hasEscapes = false;
        foreach (var c in text) hasEscapes |= c is >= '\uDC80' and <= '\uDCFF';
        if (!hasEscapes) return Encoding.UTF8.GetBytes(text);
        var bytes = new List<byte>(text.Length);
        var buffer = new byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '\uDC80' and <= '\uDCFF') { bytes.Add((byte)(c - 0xDC00)); continue; }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var n = new Rune(c, text[i + 1]).EncodeToUtf8(buffer);
                bytes.AddRange(buffer.AsSpan(0, n));
                i++;
                continue;
            }
            var written = (Rune.TryCreate(c, out var r) ? r : Rune.ReplacementChar).EncodeToUtf8(buffer);
            bytes.AddRange(buffer.AsSpan(0, written));
        }
        return [.. bytes];
    }
}
