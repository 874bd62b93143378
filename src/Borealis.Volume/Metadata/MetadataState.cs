using Borealis.Common;

namespace Borealis.Volume.Metadata;

/// <summary>
/// The replicated metadata itself: every member applies the same committed commands in the same
/// order to this, so <see cref="Apply"/> must be deterministic and must never throw for a
/// command that merely conflicts with the state (a throw would stop the log applier for good).
/// Reads may run concurrently with the one applier, hence the lock.
/// </summary>
internal sealed class MetadataState
{
    public const byte SnapshotFormatVersion = 1;

    private readonly Lock gate = new();
    private readonly SortedDictionary<ulong, VolumeRecord> volumes = [];

    private sealed class VolumeRecord(VolumeId volume, long segmentBytes, Epoch epoch, IEnumerable<PgMembership> groups)
    {
        public VolumeId Volume { get; } = volume;
        public long SegmentBytes { get; } = segmentBytes;
        public Epoch Epoch { get; set; } = epoch;
        public List<PgMembership> Groups { get; } = [.. groups];

        public VolumeGeometry ToGeometry() => new(Volume, SegmentBytes, Groups.Count, Groups.ToArray(), Epoch);
    }

    public VolumeGeometry? GetVolume(VolumeId volume)
    {
        lock (gate) return volumes.TryGetValue(volume.Value, out var record) ? record.ToGeometry() : null;
    }

    public IReadOnlyList<VolumeId> ListVolumes()
    {
        lock (gate) return volumes.Keys.Select(id => new VolumeId(id)).ToArray();
    }

    public CommandResult Apply(MetadataCommand command)
    {
        lock (gate)
        {
            return command switch
            {
                CreateVolumeCommand create => CreateVolume(create.Geometry),
                BumpEpochCommand bump => BumpEpoch(bump.Volume),
                SetMembershipCommand set => SetMembership(set),
                AddGroupsCommand add => AddGroups(add),
                _ => new RejectedResult(RejectionReason.Malformed, $"unknown metadata command {command.GetType().Name}"),
            };
        }
    }

    private CommandResult CreateVolume(VolumeGeometry geometry)
    {
        if (volumes.ContainsKey(geometry.Volume.Value))
            return new RejectedResult(RejectionReason.VolumeExists, $"volume {geometry.Volume} already exists");
        var record = new VolumeRecord(geometry.Volume, geometry.SegmentBytes, geometry.Epoch, geometry.Groups);
        volumes.Add(geometry.Volume.Value, record);
        return new VolumeResult(record.ToGeometry());
    }

    private CommandResult BumpEpoch(VolumeId volume)
    {
        if (!volumes.TryGetValue(volume.Value, out var record)) return UnknownVolume(volume);
        record.Epoch = record.Epoch.Next;
        return new EpochResult(record.Epoch);
    }

    private CommandResult SetMembership(SetMembershipCommand set)
    {
        if (!volumes.TryGetValue(set.Volume.Value, out var record)) return UnknownVolume(set.Volume);
        if (set.Group.Value >= (uint)record.Groups.Count)
            return new RejectedResult(RejectionReason.UnknownGroup, $"volume {set.Volume} has no protection group {set.Group}");
        var index = (int)set.Group.Value;
        var stored = record.Groups[index];
        if (stored.Version != set.ExpectedVersion) return new MembershipResult(false, stored);
        var replacement = new PgMembership(set.ExpectedVersion + 1, set.Current, set.Next);
        record.Groups[index] = replacement;
        return new MembershipResult(true, replacement);
    }

    private CommandResult AddGroups(AddGroupsCommand add)
    {
        if (!volumes.TryGetValue(add.Volume.Value, out var record)) return UnknownVolume(add.Volume);
        record.Groups.AddRange(add.Groups);
        return new VolumeResult(record.ToGeometry());
    }

    private static RejectedResult UnknownVolume(VolumeId volume) => new(RejectionReason.UnknownVolume, $"volume {volume} does not exist");

    /// <summary>
    /// The whole state, for a snapshot: u8 format (= 1), u32 volumeCount, then per volume in id
    /// order u64 volume, i64 segmentBytes, u64 epoch, memberships (as in <see cref="MetadataCommandCodec"/>).
    /// </summary>
    public byte[] Serialize()
    {
        var writer = new MetadataBinaryWriter();
        lock (gate)
        {
            writer.WriteU8(SnapshotFormatVersion);
            writer.WriteU32((uint)volumes.Count);
            foreach (var record in volumes.Values)
            {
                writer.WriteU64(record.Volume.Value);
                writer.WriteI64(record.SegmentBytes);
                writer.WriteU64(record.Epoch.Value);
                writer.WriteMemberships(record.Groups);
            }
        }
        return writer.ToArray();
    }

    /// <summary>Replaces the whole state with a snapshot's.</summary>
    public void Restore(ReadOnlySpan<byte> snapshot)
    {
        var reader = new MetadataBinaryReader(snapshot);
        var format = reader.ReadU8();
        if (format != SnapshotFormatVersion) throw new InvalidDataException($"metadata snapshot format {format} is not supported");
        var count = reader.ReadU32();
        var restored = new List<VolumeRecord>();
        for (var i = 0u; i < count; i++)
        {
            var volume = new VolumeId(reader.ReadU64());
            var segmentBytes = reader.ReadI64();
            var epoch = new Epoch(reader.ReadU64());
            restored.Add(new VolumeRecord(volume, segmentBytes, epoch, reader.ReadMemberships()));
        }
        reader.ExpectEnd();
        lock (gate)
        {
            volumes.Clear();
            foreach (var record in restored) volumes.Add(record.Volume.Value, record);
        }
    }
}
