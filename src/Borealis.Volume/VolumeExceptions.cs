namespace Borealis.Volume;

/// <summary>The volume cannot make progress now (no write or read quorum); nothing acknowledged is lost.</summary>
public sealed class VolumeUnavailableException : Exception
{
    public VolumeUnavailableException() { }
    public VolumeUnavailableException(string message) : base(message) { }
    public VolumeUnavailableException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A newer writer opened the volume (its epoch is higher): this writer must stop.</summary>
public sealed class VolumeFencedException : Exception
{
    public VolumeFencedException() { }
    public VolumeFencedException(string message) : base(message) { }
    public VolumeFencedException(string message, Exception inner) : base(message, inner) { }
}
