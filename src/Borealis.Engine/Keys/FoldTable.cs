namespace Borealis.Engine.Keys;

internal static partial class FoldTable
{
    /// <summary>The decomposition of <paramref name="c"/> with nonspacing marks removed, if it has one.</summary>
    public static bool Find(char c, out ReadOnlySpan<ushort> expansion, out bool canonical)
    {
        var index = c < 0xA0 ? -1 : CodePoints.BinarySearch((ushort)c);
        if (index < 0)
        {
            expansion = default;
            canonical = false;
            return false;
        }
        var entry = Entries[index];
        expansion = Expansions.Slice((int)(entry >> 5), (int)((entry >> 1) & 0xF));
        canonical = (entry & 1) != 0;
        return true;
    }
}
