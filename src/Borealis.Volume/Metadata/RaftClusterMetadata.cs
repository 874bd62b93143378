using System.Net;
using Borealis.Common;
using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.Membership;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Borealis.Volume.Metadata;

/// <summary>
/// <see cref="IClusterMetadata"/> kept in a DotNext Raft cluster: every write is a log entry that
/// is replicated, committed (flushed to disk) and applied before its call returns; reads come
/// from the applied state. The data directory holds <c>wal/</c> (DotNext's write-ahead log, also
/// holding the Raft term and vote) and <c>snapshots/</c> (periodic whole-state snapshots).
/// </summary>
/// <remarks>
/// A single member (the embedded default) bootstraps itself as the whole cluster ("cold start")
/// and is leader as soon as it starts. With several members, writes and reads must go to the
/// leader: elsewhere they throw DotNext's <see cref="NotLeaderException"/>; this class does
/// not forward them.
/// </remarks>
public sealed partial class RaftClusterMetadata : IClusterMetadata
{
    private readonly RaftCluster cluster;
    private readonly WriteAheadLog log;
    private readonly MetadataStateMachine stateMachine;
    private readonly MetadataState state;
    private readonly bool singleMember;
    private int disposed;

    private RaftClusterMetadata(RaftCluster cluster, WriteAheadLog log, MetadataStateMachine stateMachine, MetadataState state, bool singleMember)
    {
        this.cluster = cluster;
        this.log = log;
        this.stateMachine = stateMachine;
        this.state = state;
        this.singleMember = singleMember;
    }

    /// <summary>True while this member leads the metadata cluster; only the leader accepts writes and reads.</summary>
    public bool IsLeader => !cluster.LeadershipToken.IsCancellationRequested;

    /// <summary>The address the Raft member listens on, as configured (port 0 stays 0).</summary>
    public EndPoint LocalMemberAddress => cluster.LocalMemberAddress;

    /// <summary>
    /// Opens (or creates) the metadata in <see cref="RaftMetadataOptions.DataDirectory"/>, replays
    /// it, joins the Raft cluster and waits until a leader exists (for a single member: itself).
    /// </summary>
    public static async Task<RaftClusterMetadata> StartAsync(RaftMetadataOptions options, ILoggerFactory? loggers, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        ArgumentNullException.ThrowIfNull(options.Endpoint);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SnapshotEveryCommands, 1);
        if (!options.IsSingleMember && !options.Members!.Contains(options.Endpoint))
            throw new ArgumentException("the member list must include this member's endpoint", nameof(options));
        loggers ??= NullLoggerFactory.Instance;

        var root = Path.GetFullPath(options.DataDirectory);
        CrashSafe.CreateDirectoryDurably(root);
        var state = new MetadataState();
        var stateMachine = new MetadataStateMachine(new DirectoryInfo(Path.Combine(root, "snapshots")), state,
            options.SnapshotEveryCommands, loggers.CreateLogger<RaftClusterMetadata>());
        WriteAheadLog? log = null;
        RaftCluster? cluster = null;
        try
        {
            // DotNext requires the snapshot to be restored before the log is opened: the log
            // replays only the entries after it.
            await stateMachine.RestoreAsync(ct).ConfigureAwait(false);
            log = new WriteAheadLog(new WriteAheadLog.Options
            {
                Location = Path.Combine(root, "wal"),
                // Writes are "committed (durable) before returning" because DotNext 6.12's WAL
                // always flushes appended and committed entries before CommitAsync returns.
                HashAlgorithm = WriteAheadLog.IntegrityHashAlgorithm.Crc32,
            }, stateMachine);

            var singleMember = options.IsSingleMember;
            var configuration = new RaftCluster.TcpConfiguration(options.Endpoint)
            {
                LowerElectionTimeout = options.LowerElectionTimeoutMs,
                UpperElectionTimeout = options.UpperElectionTimeoutMs,
                RequestTimeout = TimeSpan.FromMilliseconds(options.LowerElectionTimeoutMs),
                // A single member bootstraps the cluster configuration with itself; members of a
                // larger cluster are given the full static member list instead.
                ColdStart = singleMember,
                ConfigurationStorage = null, // in-memory: rebuilt from the options at every start
                LoggerFactory = loggers,
            };
            if (!singleMember) AddStaticMembers(configuration.ConfigurationStorage, options.Members!);
            cluster = new RaftCluster(configuration) { AuditTrail = log };
            await cluster.StartAsync(ct).ConfigureAwait(false);
            await WaitForLeaderAsync(cluster, singleMember, options.LeadershipTimeout, ct).ConfigureAwait(false);
            return new RaftClusterMetadata(cluster, log, stateMachine, state, singleMember);
        }
        catch
        {
            await StopAsync(cluster, log, stateMachine).ConfigureAwait(false);
            throw;
        }
    }

    private static void AddStaticMembers(IClusterConfigurationStorage<EndPoint>? configured, IReadOnlyList<IPEndPoint> members)
    {
        if (configured is not InMemoryClusterConfigurationStorage<EndPoint> storage)
            throw new InvalidOperationException($"DotNext's default configuration storage is {configured?.GetType().Name ?? "null"}, not in-memory");
        var builder = storage.CreateInitialConfigurationBuilder();
        foreach (var member in members) builder.Add(member);
        builder.Build();
    }

    private static async Task WaitForLeaderAsync(RaftCluster cluster, bool singleMember, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            if (singleMember)
                await cluster.WaitForLeadershipAsync(deadline.Token).ConfigureAwait(false);
            else
                await cluster.WaitForLeaderAsync(timeout, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"no metadata leader was elected within {timeout}");
        }
    }

    public async ValueTask<VolumeGeometry?> GetVolumeAsync(VolumeId volume, CancellationToken ct = default)
    {
        await ReadBarrierAsync(ct).ConfigureAwait(false);
        return state.GetVolume(volume);
    }

    public async ValueTask<IReadOnlyList<VolumeId>> ListVolumesAsync(CancellationToken ct = default)
    {
        await ReadBarrierAsync(ct).ConfigureAwait(false);
        return state.ListVolumes();
    }

    public async ValueTask<VolumeGeometry> CreateVolumeAsync(VolumeGeometry geometry, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(geometry.Groups);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(geometry.SegmentBytes, 0L, nameof(geometry));
        if (geometry.GroupCount != geometry.Groups.Count)
            throw new ArgumentException($"GroupCount {geometry.GroupCount} differs from the {geometry.Groups.Count} groups given", nameof(geometry));
        foreach (var group in geometry.Groups) ValidateMembership(group, nameof(geometry));
        var result = await ProposeAsync(new CreateVolumeCommand(geometry), ct).ConfigureAwait(false);
        return Expect<VolumeResult>(result).Geometry;
    }

    public async ValueTask<Epoch> BumpEpochAsync(VolumeId volume, CancellationToken ct = default)
    {
        var result = await ProposeAsync(new BumpEpochCommand(volume), ct).ConfigureAwait(false);
        return Expect<EpochResult>(result).Epoch;
    }

    public async ValueTask<(bool Applied, PgMembership Membership)> SetMembershipAsync(VolumeId volume, ProtectionGroupId group, ulong expectedVersion,
        IReadOnlyList<NodeAddress> current, IReadOnlyList<NodeAddress>? next, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        var command = new SetMembershipCommand(volume, group, expectedVersion, current.ToArray(), next?.ToArray());
        var result = Expect<MembershipResult>(await ProposeAsync(command, ct).ConfigureAwait(false));
        return (result.Applied, result.Membership);
    }

    public async ValueTask<VolumeGeometry> AddGroupsAsync(VolumeId volume, IReadOnlyList<PgMembership> groups, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(groups);
        foreach (var group in groups) ValidateMembership(group, nameof(groups));
        var result = await ProposeAsync(new AddGroupsCommand(volume, groups.ToArray()), ct).ConfigureAwait(false);
        return Expect<VolumeResult>(result).Geometry;
    }

    private static void ValidateMembership(PgMembership? membership, string parameter)
    {
        if (membership?.Current is null) throw new ArgumentException("every group needs a membership with a current quorum set", parameter);
    }

    /// <summary>Replicates, commits and applies one command, and returns what applying it produced.</summary>
    private async ValueTask<CommandResult> ProposeAsync(MetadataCommand command, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        var pending = new PendingCommand();
        await cluster.ReplicateAsync(MetadataCommandCodec.Encode(command), pending, ct).ConfigureAwait(false);
        // DotNext returns only once the entry is applied, and the applier fills in the result
        // first; a missing result would mean the entry's context was lost on the way.
        return pending.Result ?? throw new InvalidOperationException("the metadata command was committed but its result was not reported");
    }

    private static T Expect<T>(CommandResult result) where T : CommandResult => result switch
    {
        T expected => expected,
        RejectedResult rejected => throw rejected.ToException(),
        _ => throw new InvalidOperationException($"metadata command produced {result.GetType().Name}, expected {typeof(T).Name}"),
    };

    /// <summary>
    /// A single member applies every write before acknowledging it, so its state is already
    /// current. A leader of several members first confirms it still leads, so it never serves a
    /// read a newer leader could contradict.
    /// </summary>
    private ValueTask ReadBarrierAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        return singleMember ? ValueTask.CompletedTask : cluster.ApplyReadBarrierAsync(ReadBarrierType.Strong, ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        await StopAsync(cluster, log, stateMachine).ConfigureAwait(false);
    }

    /// <summary>Stops in dependency order: the cluster uses the log, the log applies to the state machine.</summary>
    private static async ValueTask StopAsync(RaftCluster? cluster, WriteAheadLog? log, MetadataStateMachine stateMachine)
    {
        if (cluster is not null)
        {
            await cluster.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await cluster.DisposeAsync().ConfigureAwait(false);
        }
        if (log is not null) await log.DisposeAsync().ConfigureAwait(false);
        await stateMachine.DisposeAsync().ConfigureAwait(false);
    }
}
