using Borealis.Common;

namespace Borealis.Volume.Metadata;

/// <summary>A volume's shape: segment size, its protection groups (in group-id order) and its epoch.</summary>
/// <param name="GroupCount">Always equals <c>Groups.Count</c>; group i is <see cref="ProtectionGroupId"/> i.</param>
public sealed record VolumeGeometry(VolumeId Volume, long SegmentBytes, int GroupCount, IReadOnlyList<PgMembership> Groups, Epoch Epoch);
