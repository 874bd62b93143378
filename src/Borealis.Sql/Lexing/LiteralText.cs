using System.Text;

namespace Borealis.Sql.Lexing;

/// <summary>Turns the source text of quoted tokens into their values.</summary>
internal static class LiteralText
{
    /// <summary>
    /// The value of a string literal body (between the quotes). Backslash escapes follow
    /// https://dev.mysql.com/doc/refman/8.0/en/string-literals.html: \% and \_ keep their
    /// backslash (they are LIKE escapes), an unknown \x is x; a doubled quote is one quote.
    /// </summary>
    public static string DecodeString(ReadOnlySpan<char> body, char quote, bool backslashEscapes)
    {
        var firstSpecial = backslashEscapes ? body.IndexOfAny('\\', quote) : body.IndexOf(quote);
        if (firstSpecial < 0) return body.ToString();
        var builder = new StringBuilder(body.Length);
        builder.Append(body[..firstSpecial]);
        for (var i = firstSpecial; i < body.Length; i++)
        {
            var c = body[i];
            if (c == quote && i + 1 < body.Length && body[i + 1] == quote)
            {
                builder.Append(quote);
                i++;
            }
            else if (c == '\\' && backslashEscapes && i + 1 < body.Length)
            {
                var next = body[++i];
                switch (next)
                {
                    case '0': builder.Append('\0'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'Z': builder.Append('\u001A'); break;
                    case '%' or '_': builder.Append('\\').Append(next); break;
                    default: builder.Append(next); break;
                }
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>The name inside `..` (or ".." under ANSI_QUOTES): a doubled quote is one quote.</summary>
    public static string DecodeQuotedIdentifier(ReadOnlySpan<char> token)
    {
        var quote = token[0];
        var body = token[1..^1];
        return body.IndexOf(quote) < 0 ? body.ToString() : body.ToString().Replace(new string(quote, 2), quote.ToString(), StringComparison.Ordinal);
    }
}
