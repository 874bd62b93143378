namespace Borealis.Engine.Keys;

/// <summary>Splits an exact decimal into significant digits and a decimal exponent.</summary>
internal static class DecimalDigits
{
    /// <summary>
    /// Writes the digits d1..dn of a positive <paramref name="magnitude"/> = 0.d1...dn × 10^exponent
    /// into <paramref name="digits"/>, d1 non-zero and dn non-zero; returns n.
    /// </summary>
    public static int Normalize(decimal magnitude, Span<byte> digits, out int exponent)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(magnitude, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        var mantissa = new UInt128((ulong)(uint)bits[2], ((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
        // Digits of the integer mantissa, least significant first, then reversed.
        var count = 0;
        while (mantissa != 0)
        {
            digits[count++] = (byte)(mantissa % 10);
            mantissa /= 10;
        }
        digits[..count].Reverse();
        // value = mantissa × 10^-scale = 0.d1...dn × 10^(n - scale)
        exponent = count - scale;
        while (count > 0 && digits[count - 1] == 0) count--;
        return count;
    }
}
