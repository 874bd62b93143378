using System.Net;

namespace Borealis.Volume.Metadata;

/// <summary>Where a metadata member keeps its Raft log and how it reaches its peers.</summary>
/// <param name="DataDirectory">Holds the write-ahead log and the state snapshots; reused across restarts.</param>
/// <param name="Endpoint">This member's Raft TCP endpoint. Port 0 is allowed for a single member, which has no peers to tell.</param>
/// <param name="Members">Every member's endpoint, including this one; null runs a single member.</param>
public sealed record RaftMetadataOptions(string DataDirectory, IPEndPoint Endpoint, IReadOnlyList<IPEndPoint>? Members = null)
{
    /// <summary>Raft election timeout range in milliseconds. A single member never holds an election.</summary>
    public int LowerElectionTimeoutMs { get; init; } = 150;

    /// <inheritdoc cref="LowerElectionTimeoutMs"/>
    public int UpperElectionTimeoutMs { get; init; } = 300;

    /// <summary>Take a state snapshot (and let the log before it be reclaimed) every this many applied commands.</summary>
    public int SnapshotEveryCommands { get; init; } = 256;

    /// <summary>How long <see cref="RaftClusterMetadata.StartAsync"/> waits for this member to become leader.</summary>
    public TimeSpan LeadershipTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>True when this member is the whole cluster.</summary>
    public bool IsSingleMember => Members is null || (Members.Count == 1 && Members[0].Equals(Endpoint));
}
