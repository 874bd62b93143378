using System.Text;

namespace Borealis.Engine.Keys;

/// <summary>
/// How strings of a column compare: MySQL's collation, by its id. <see cref="Compare"/> and
/// <see cref="KeyWriter.AppendString(ReadOnlySpan{byte}, Collation)"/> agree exactly, so an
/// index orders rows as a comparison outside the index would. Each collation maps a string to
/// a sequence of weights (<see cref="CollationWeights"/>) and compares those:
/// <list type="bullet">
/// <item><c>utf8mb4_0900_ai_ci</c> (255), NO PAD — an approximation of the Unicode collation
/// at primary strength: every code point is replaced by its compatibility decomposition (NFKD,
/// from the Unicode 14 table in <see cref="FoldTable"/>, BMP only, Hangul kept whole),
/// nonspacing marks (category Mn) are dropped, and what remains is upper-cased per code point
/// (<see cref="Rune.ToUpperInvariant"/>). Weights then compare by code point. So 'é' = 'E' =
/// 'e' + U+0301, 'ﬁ' = 'FI', and 'a ' &gt; 'a' (NO PAD). Unlike MySQL, punctuation is not
/// ignorable and the order is code-point order of the folded text, not the DUCET order
/// (e.g. '_' sorts after 'Z' here). 'ß' and 'ẞ' expand to 'SS' as in MySQL; other expansions
/// of the Unicode collation (æ, œ...) are not made.</item>
/// <item><c>utf8mb4_general_ci</c> (45), PAD SPACE — one weight per code point: its canonical
/// decomposition's base letter when that is a single BMP character (so 'é' = 'E'), upper-cased;
/// every code point beyond the BMP weighs as U+FFFD, as in MySQL.</item>
/// <item><c>utf8mb4_bin</c> (46), PAD SPACE — code points.</item>
/// <item><c>utf8mb4_0900_bin</c> (309), NO PAD — code points.</item>
/// <item><c>binary</c> (63), NO PAD — bytes (BINARY, VARBINARY, BLOB).</item>
/// </list>
/// PAD SPACE: the shorter string compares as if padded with spaces, so trailing spaces never
/// matter ('a' = 'a  ', 'a' &gt; 'a\t'). Invalid UTF-8 weighs as U+FFFD per bad byte.
/// </summary>
public sealed class Collation
{
    public static readonly Collation Utf8mb4GeneralCi = new(45, "utf8mb4_general_ci", CollationWeights.Kind.General, padSpace: true);
    public static readonly Collation Utf8mb4Bin = new(46, "utf8mb4_bin", CollationWeights.Kind.CodePoint, padSpace: true);
    public static readonly Collation Binary = new(63, "binary", CollationWeights.Kind.Bytes, padSpace: false);
    public static readonly Collation Utf8mb40900AiCi = new(255, "utf8mb4_0900_ai_ci", CollationWeights.Kind.AccentInsensitive, padSpace: false);
    public static readonly Collation Utf8mb40900Bin = new(309, "utf8mb4_0900_bin", CollationWeights.Kind.CodePoint, padSpace: false);

    private static readonly Collation[] s_all = [Utf8mb4GeneralCi, Utf8mb4Bin, Binary, Utf8mb40900AiCi, Utf8mb40900Bin];

    private Collation(int id, string name, CollationWeights.Kind kind, bool padSpace)
    {
        Id = id;
        Name = name;
        Weighting = kind;
        PadSpace = padSpace;
    }

    /// <summary>MySQL's collation id (as in information_schema.COLLATIONS and the wire protocol).</summary>
    public int Id { get; }
    public string Name { get; }
    /// <summary>True: trailing spaces do not count (PAD SPACE); false: NO PAD.</summary>
    public bool PadSpace { get; }
    internal CollationWeights.Kind Weighting { get; }

    public static Collation FromId(int id)
    {
        foreach (var c in s_all)
            if (c.Id == id) return c;
        throw new ArgumentOutOfRangeException(nameof(id), id, "no such collation in Borealis");
    }

    public static bool TryFromId(int id, out Collation? collation)
    {
        foreach (var c in s_all)
            if (c.Id == id)
            {
                collation = c;
                return true;
            }
        collation = null;
        return false;
    }

    /// <summary>Orders two strings (UTF-8; raw bytes for <see cref="Binary"/>): negative, zero or positive.</summary>
    public int Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (Weighting == CollationWeights.Kind.Bytes) return Math.Sign(a.SequenceCompareTo(b));
        var x = new CollationWeights(a, Weighting);
        var y = new CollationWeights(b, Weighting);
        while (true)
        {
            var hasX = x.MoveNext(out var wx);
            var hasY = y.MoveNext(out var wy);
            if (!hasX && !hasY) return 0;
            if (!hasX || !hasY)
            {
                if (!PadSpace) return hasX ? 1 : -1;
                // The shorter one is padded with spaces: the rest of the longer one decides against them.
                var rest = hasX ? x : y;
                var w = hasX ? wx : wy;
                while (true)
                {
                    if (w != ' ') return (w > ' ') == hasX ? 1 : -1;
                    if (!rest.MoveNext(out w)) return 0;
                }
            }
            if (wx != wy) return wx < wy ? -1 : 1;
        }
    }

    public int Compare(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Compare(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
    }

    public bool Equals(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => Compare(a, b) == 0;

    public override string ToString() => Name;
}
