namespace Borealis.Engine.Tests;

/// <summary>Bytewise order, the order of memcomparable keys.</summary>
public sealed class ByteComparer : IComparer<byte[]>
{
    public static readonly ByteComparer Instance = new();
    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
}
