using System.Buffers.Binary;
using System.Text;
using Borealis.Common;

namespace Borealis.Volume.Metadata;

/// <summary>Reads what <see cref="MetadataBinaryWriter"/> wrote; throws <see cref="InvalidDataException"/> on truncated or malformed input.</summary>
internal ref struct MetadataBinaryReader(ReadOnlySpan<byte> data)
{
    private ReadOnlySpan<byte> rest = data;

    public readonly bool AtEnd => rest.IsEmpty;

    private ReadOnlySpan<byte> Take(int count)
    {
        if (rest.Length < count) throw new InvalidDataException($"metadata record truncated: needed {count} more bytes, {rest.Length} left");
        var taken = rest[..count];
        rest = rest[count..];
        return taken;
    }

    public byte ReadU8() => Take(1)[0];

    public ushort ReadU16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public uint ReadU32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public ulong ReadU64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public long ReadI64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public string ReadString() => Encoding.UTF8.GetString(Take(ReadU16()));

    public NodeAddress ReadNode()
    {
        var host = ReadString();
        var port = ReadU16();
        var zone = ReadString();
        return new NodeAddress(host, port, zone);
    }

    public NodeAddress[] ReadNodes()
    {
        var nodes = new NodeAddress[ReadU16()];
        for (var i = 0; i < nodes.Length; i++) nodes[i] = ReadNode();
        return nodes;
    }

    public NodeAddress[]? ReadOptionalNodes() => ReadU8() switch
    {
        0 => null,
        1 => ReadNodes(),
        var flag => throw new InvalidDataException($"optional node list has presence flag {flag}"),
    };

    public PgMembership ReadMembership()
    {
        var version = ReadU64();
        var current = ReadNodes();
        return new PgMembership(version, current, ReadOptionalNodes());
    }

    public PgMembership[] ReadMemberships()
    {
        var count = ReadU32();
        // Each membership takes at least 11 bytes, so a count beyond that is corruption, not a huge allocation.
        if (count > (uint)rest.Length / 11) throw new InvalidDataException($"membership count {count} exceeds the remaining {rest.Length} bytes");
        var groups = new PgMembership[count];
        for (var i = 0; i < groups.Length; i++) groups[i] = ReadMembership();
        return groups;
    }

    public readonly void ExpectEnd()
    {
        if (!rest.IsEmpty) throw new InvalidDataException($"metadata record has {rest.Length} trailing bytes");
    }
}
