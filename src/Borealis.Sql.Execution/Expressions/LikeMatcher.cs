namespace Borealis.Sql.Execution.Expressions;

/// <summary>LIKE with % and _ and an escape character; case-insensitive for the _ci collations.</summary>
internal static class LikeMatcher
{
    public static bool Matches(string value, string pattern, char escape, bool ignoreCase)
    {
        if (ignoreCase)
        {
            value = value.ToUpperInvariant();
            pattern = pattern.ToUpperInvariant();
        }
        return Match(value, 0, pattern, 0, escape);
    }

    private static bool Match(string v, int vi, string p, int pi, char escape)
    {
        while (pi < p.Length)
        {
            var c = p[pi];
            if (c == '%')
            {
                while (pi < p.Length && p[pi] == '%') pi++;
                if (pi == p.Length) return true;
                for (var k = vi; k <= v.Length; k++)
                    if (Match(v, k, p, pi, escape)) return true;
                return false;
            }
            if (vi >= v.Length) return false;
            if (c == '_') { vi++; pi++; continue; }
            if (c == escape && pi + 1 < p.Length) { pi++; c = p[pi]; }
            if (v[vi] != c) return false;
            vi++;
            pi++;
        }
        return vi == v.Length;
    }
}
