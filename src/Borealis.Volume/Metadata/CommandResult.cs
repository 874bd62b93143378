using Borealis.Common;

namespace Borealis.Volume.Metadata;

/// <summary>What applying one <see cref="MetadataCommand"/> produced; handed back to the caller that proposed it.</summary>
internal abstract record CommandResult;

internal sealed record VolumeResult(VolumeGeometry Geometry) : CommandResult;

internal sealed record EpochResult(Epoch Epoch) : CommandResult;

internal sealed record MembershipResult(bool Applied, PgMembership Membership) : CommandResult;

/// <summary>The command was committed but changed nothing, because the state it was checked against forbade it.</summary>
internal sealed record RejectedResult(RejectionReason Reason, string Message) : CommandResult
{
    public Exception ToException() => Reason switch
    {
        RejectionReason.VolumeExists => new InvalidOperationException(Message),
        RejectionReason.UnknownVolume or RejectionReason.UnknownGroup => new KeyNotFoundException(Message),
        _ => new InvalidDataException(Message),
    };
}

internal enum RejectionReason
{
    VolumeExists,
    UnknownVolume,
    UnknownGroup,
    Malformed,
}
