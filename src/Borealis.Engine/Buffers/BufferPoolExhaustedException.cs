namespace Borealis.Engine.Buffers;

/// <summary>Every frame is pinned: the pool is too small for the operations running at once.</summary>
public sealed class BufferPoolExhaustedException : Exception
{
    public BufferPoolExhaustedException() { }
    public BufferPoolExhaustedException(string message) : base(message) { }
    public BufferPoolExhaustedException(string message, Exception inner) : base(message, inner) { }
}
