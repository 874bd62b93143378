using Borealis.Common;

namespace Borealis.Volume.Metadata;

/// <summary>
/// Which storage nodes hold one protection group's segments. <paramref name="Version"/> grows by
/// one with every change, so a change can be made conditional on the version it was based on.
/// </summary>
/// <param name="Next">Non-null while the group moves to a new quorum set: writes then need both
/// <paramref name="Current"/> and <paramref name="Next"/> to agree.</param>
public sealed record PgMembership(ulong Version, IReadOnlyList<NodeAddress> Current, IReadOnlyList<NodeAddress>? Next);
