namespace Borealis.Engine.Keys;

/// <summary>The byte before every value of a key. Persisted: values never change meaning.</summary>
public static class KeyTag
{
    /// <summary>A NULL: sorts before every value of its column.</summary>
    public const byte Null = 0x00;
    /// <summary>A present value, its encoding follows.</summary>
    public const byte Value = 0x01;
}
