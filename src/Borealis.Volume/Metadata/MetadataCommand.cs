using Borealis.Common;

namespace Borealis.Volume.Metadata;

/// <summary>
/// One change to the metadata state, as carried by one Raft log entry. Commands are checked
/// when applied, not when proposed, because only the applied order decides what they see.
/// </summary>
internal abstract record MetadataCommand;

internal sealed record CreateVolumeCommand(VolumeGeometry Geometry) : MetadataCommand;

internal sealed record BumpEpochCommand(VolumeId Volume) : MetadataCommand;

internal sealed record SetMembershipCommand(VolumeId Volume, ProtectionGroupId Group, ulong ExpectedVersion,
    IReadOnlyList<NodeAddress> Current, IReadOnlyList<NodeAddress>? Next) : MetadataCommand;

internal sealed record AddGroupsCommand(VolumeId Volume, IReadOnlyList<PgMembership> Groups) : MetadataCommand;
