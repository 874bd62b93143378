namespace Borealis.Engine.Transactions;

/// <summary>Orders keys as the B+trees do: bytewise (keys are memcomparable).</summary>
internal sealed class KeyComparer : IComparer<byte[]>
{
    public static readonly KeyComparer Instance = new();

    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
}
