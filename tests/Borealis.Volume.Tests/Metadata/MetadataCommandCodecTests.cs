using Borealis.Common;
using Borealis.Volume.Metadata;

namespace Borealis.Volume.Tests.Metadata;

public sealed class MetadataCommandCodecTests
{
    /// <summary>
    /// Commands are persisted in the Raft log, so their encoding must never change silently:
    /// this freezes the bytes of one SetMembership command.
    /// </summary>
    [Fact]
    public void SetMembership_encoding_is_frozen()
    {
        var command = new SetMembershipCommand(new VolumeId(0x0102030405060708), new ProtectionGroupId(9), ExpectedVersion: 3,
            Current: [new NodeAddress("h1", 7001, "a")], Next: [new NodeAddress("h2", 0x1234, "")]);

        var encoded = MetadataCommandCodec.Encode(command);

        const string Golden =
            "01" + "03" +                 // format 1, opcode SetMembership
            "0807060504030201" +          // u64 volume
            "09000000" +                  // u32 group
            "0300000000000000" +          // u64 expected version
            "0100" + "0200" + "6831" + "591b" + "0100" + "61" + // current: 1 node "h1":7001@"a"
            "01" + "0100" + "0200" + "6832" + "3412" + "0000";  // next present: 1 node "h2":0x1234@""
        Assert.Equal(Golden, Convert.ToHexStringLower(encoded));

        var decoded = Assert.IsType<SetMembershipCommand>(MetadataCommandCodec.Decode(encoded));
        Assert.Equal(command.Volume, decoded.Volume);
        Assert.Equal(command.Group, decoded.Group);
        Assert.Equal(command.ExpectedVersion, decoded.ExpectedVersion);
        Assert.Equal(command.Current, decoded.Current);
        Assert.Equal(command.Next, decoded.Next);
    }

    [Fact]
    public void Every_command_round_trips()
    {
        var geometry = MetadataTestHost.Geometry(77, 2);
        MetadataCommand[] commands =
        [
            new CreateVolumeCommand(geometry),
            new BumpEpochCommand(new VolumeId(77)),
            new SetMembershipCommand(new VolumeId(77), new ProtectionGroupId(1), 5, MetadataTestHost.Nodes(0, 6), null),
            new AddGroupsCommand(new VolumeId(77), geometry.Groups),
        ];
        foreach (var command in commands)
        {
            var encoded = MetadataCommandCodec.Encode(command);
            Assert.Equal(encoded, MetadataCommandCodec.Encode(MetadataCommandCodec.Decode(encoded)));
        }
        var create = Assert.IsType<CreateVolumeCommand>(MetadataCommandCodec.Decode(MetadataCommandCodec.Encode(commands[0])));
        Assert.Equal(2, create.Geometry.GroupCount);
        Assert.Equal(geometry.Epoch, create.Geometry.Epoch);
    }

    [Theory]
    [InlineData("")]
    [InlineData("02020000000000000000")] // unknown format
    [InlineData("0109")]                 // unknown opcode
    [InlineData("010201")]               // truncated volume id
    [InlineData("0102010000000000000000")] // trailing byte
    public void Malformed_payloads_are_rejected(string hex)
    {
        Assert.Throws<InvalidDataException>(() => MetadataCommandCodec.Decode(Convert.FromHexString(hex)));
    }
}
