using System.Globalization;
using System.Text;

namespace Borealis.Engine.Keys;

/// <summary>
/// The weights of a string under a collation, one at a time and without allocating: code
/// points after the collation's folding (see <see cref="Collation"/>), or bytes for binary.
/// </summary>
internal ref struct CollationWeights
{
    internal enum Kind : byte
    {
        /// <summary>Each byte is a weight.</summary>
        Bytes,
        /// <summary>Each code point is its own weight.</summary>
        CodePoint,
        /// <summary>utf8mb4_general_ci: one folded weight per code point.</summary>
        General,
        /// <summary>utf8mb4_0900_ai_ci approximation: decomposed, marks dropped, upper-cased.</summary>
        AccentInsensitive,
    }

    private ReadOnlySpan<byte> _text;
    private ReadOnlySpan<ushort> _pending;
    private readonly Kind _kind;

    public CollationWeights(ReadOnlySpan<byte> text, Kind kind)
    {
        _text = text;
        _pending = default;
        _kind = kind;
    }

    public bool MoveNext(out int weight)
    {
        while (true)
        {
            if (!_pending.IsEmpty)
            {
                weight = UpperBmp(_pending[0]);
                _pending = _pending[1..];
                return true;
            }
            if (_text.IsEmpty)
            {
                weight = 0;
                return false;
            }
            if (_kind == Kind.Bytes)
            {
                weight = _text[0];
                _text = _text[1..];
                return true;
            }
            // An invalid sequence decodes as U+FFFD and consumes at least one byte.
            Rune.DecodeFromUtf8(_text, out var rune, out var consumed);
            _text = _text[consumed..];
            switch (_kind)
            {
                case Kind.CodePoint:
                    weight = rune.Value;
                    return true;
                case Kind.General:
                    weight = GeneralWeight(rune);
                    return true;
                default:
                    if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark) continue;
                    if (rune.IsBmp && FoldTable.Find((char)rune.Value, out var expansion, out _))
                    {
                        _pending = expansion;
                        continue;
                    }
                    weight = Rune.ToUpperInvariant(rune).Value;
                    return true;
            }
        }
    }

    private static int GeneralWeight(Rune rune)
    {
        if (!rune.IsBmp) return 0xFFFD;
        var c = (char)rune.Value;
        if (FoldTable.Find(c, out var expansion, out var canonical) && canonical && expansion.Length == 1) c = (char)expansion[0];
        return UpperBmp(c);
    }

    private static int UpperBmp(ushort c) => char.ToUpperInvariant((char)c);
}
