namespace Borealis.Engine.BTrees;

/// <summary>What a put may do to the key it names.</summary>
public enum PutMode
{
    /// <summary>Only a new key; an existing one is left alone.</summary>
    Insert,
    /// <summary>Only an existing key gets the new value.</summary>
    Replace,
    /// <summary>Either.</summary>
    Upsert,
}

/// <summary>Whether a put wrote, and the value the key had before (null when it had none).</summary>
public readonly record struct PutResult(bool Written, byte[]? Previous);
