using Borealis.Common;

namespace Borealis.Volume.Metadata;

/// <summary>
/// The persisted form of a <see cref="MetadataCommand"/>: the payload of one Raft log entry.
/// Log entries outlive the code that wrote them, so this layout is frozen (see the golden test);
/// change it only by adding a new format version.
/// <code>
/// command        = u8 format (= 1), u8 opcode, body            all integers little-endian
/// 1 CreateVolume = u64 volume, i64 segmentBytes, u64 epoch, memberships
/// 2 BumpEpoch    = u64 volume
/// 3 SetMembership= u64 volume, u32 group, u64 expectedVersion, nodes current, optional-nodes next
/// 4 AddGroups    = u64 volume, memberships
/// memberships    = u32 count, count × (u64 version, nodes current, optional-nodes next)
/// nodes          = u16 count, count × (string host, u16 port, string zone)
/// optional-nodes = u8 0 (absent) | u8 1, nodes
/// string         = u16 byteLength, UTF-8 bytes
/// </code>
/// CreateVolume carries no group count: it is the number of memberships.
/// </summary>
internal static class MetadataCommandCodec
{
    public const byte FormatVersion = 1;

    private enum Opcode : byte
    {
        CreateVolume = 1,
        BumpEpoch = 2,
        SetMembership = 3,
        AddGroups = 4,
    }

    public static byte[] Encode(MetadataCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var writer = new MetadataBinaryWriter();
        writer.WriteU8(FormatVersion);
        switch (command)
        {
            case CreateVolumeCommand create:
                writer.WriteU8((byte)Opcode.CreateVolume);
                writer.WriteU64(create.Geometry.Volume.Value);
                writer.WriteI64(create.Geometry.SegmentBytes);
                writer.WriteU64(create.Geometry.Epoch.Value);
                writer.WriteMemberships(create.Geometry.Groups);
                break;
            case BumpEpochCommand bump:
                writer.WriteU8((byte)Opcode.BumpEpoch);
                writer.WriteU64(bump.Volume.Value);
                break;
            case SetMembershipCommand set:
                writer.WriteU8((byte)Opcode.SetMembership);
                writer.WriteU64(set.Volume.Value);
                writer.WriteU32(set.Group.Value);
                writer.WriteU64(set.ExpectedVersion);
                writer.WriteNodes(set.Current);
                writer.WriteOptionalNodes(set.Next);
                break;
            case AddGroupsCommand add:
                writer.WriteU8((byte)Opcode.AddGroups);
                writer.WriteU64(add.Volume.Value);
                writer.WriteMemberships(add.Groups);
                break;
            default:
                throw new ArgumentException($"unknown metadata command {command.GetType().Name}", nameof(command));
        }
        return writer.ToArray();
    }

    public static MetadataCommand Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new MetadataBinaryReader(payload);
        var format = reader.ReadU8();
        if (format != FormatVersion) throw new InvalidDataException($"metadata command format {format} is not supported");
        MetadataCommand command = (Opcode)reader.ReadU8() switch
        {
            Opcode.CreateVolume => DecodeCreateVolume(ref reader),
            Opcode.BumpEpoch => new BumpEpochCommand(new VolumeId(reader.ReadU64())),
            Opcode.SetMembership => new SetMembershipCommand(new VolumeId(reader.ReadU64()), new ProtectionGroupId(reader.ReadU32()),
                reader.ReadU64(), reader.ReadNodes(), reader.ReadOptionalNodes()),
            Opcode.AddGroups => new AddGroupsCommand(new VolumeId(reader.ReadU64()), reader.ReadMemberships()),
            var opcode => throw new InvalidDataException($"unknown metadata command opcode {(byte)opcode}"),
        };
        reader.ExpectEnd();
        return command;
    }

    private static CreateVolumeCommand DecodeCreateVolume(ref MetadataBinaryReader reader)
    {
        var volume = new VolumeId(reader.ReadU64());
        var segmentBytes = reader.ReadI64();
        var epoch = new Epoch(reader.ReadU64());
        var groups = reader.ReadMemberships();
        return new CreateVolumeCommand(new VolumeGeometry(volume, segmentBytes, groups.Length, groups, epoch));
    }
}
