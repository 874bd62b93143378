namespace Borealis.Engine.Pages;

/// <summary>The allocator has handed out every page of the volume's protection groups.</summary>
public sealed class VolumeFullException : Exception
{
    public VolumeFullException() { }
    public VolumeFullException(string message) : base(message) { }
    public VolumeFullException(string message, Exception inner) : base(message, inner) { }
}
