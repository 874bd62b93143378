using Borealis.Common;

namespace Borealis.Volume.Metadata;

/// <summary>
/// The cluster's metadata: volume geometry, volume epochs and segment placement. Every write is
/// committed to a replicated, durable log before its call returns.
/// </summary>
public interface IClusterMetadata : IAsyncDisposable
{
    /// <summary>The volume's geometry, or null if no such volume exists.</summary>
    ValueTask<VolumeGeometry?> GetVolumeAsync(VolumeId volume, CancellationToken ct = default);

    /// <summary>All volumes, in id order.</summary>
    ValueTask<IReadOnlyList<VolumeId>> ListVolumesAsync(CancellationToken ct = default);

    /// <summary>Creates the volume; throws <see cref="InvalidOperationException"/> if it exists.</summary>
    ValueTask<VolumeGeometry> CreateVolumeAsync(VolumeGeometry geometry, CancellationToken ct = default);

    /// <summary>Atomically increments the volume epoch and returns the new one; committed (durable) on the Raft log before returning.</summary>
    /// <exception cref="KeyNotFoundException">No such volume.</exception>
    ValueTask<Epoch> BumpEpochAsync(VolumeId volume, CancellationToken ct = default);

    /// <summary>
    /// Compare-and-set of one group's membership: succeeds only if the stored Version equals
    /// <paramref name="expectedVersion"/>; the new one gets Version = expectedVersion + 1.
    /// Returns the stored membership after the call and whether it was applied.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such volume or group.</exception>
    ValueTask<(bool Applied, PgMembership Membership)> SetMembershipAsync(VolumeId volume, ProtectionGroupId group, ulong expectedVersion,
        IReadOnlyList<NodeAddress> current, IReadOnlyList<NodeAddress>? next, CancellationToken ct = default);

    /// <summary>Adds groups (grows the volume) with the given memberships; they get the next group ids.</summary>
    /// <exception cref="KeyNotFoundException">No such volume.</exception>
    ValueTask<VolumeGeometry> AddGroupsAsync(VolumeId volume, IReadOnlyList<PgMembership> groups, CancellationToken ct = default);
}
