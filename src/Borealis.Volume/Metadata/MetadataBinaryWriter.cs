using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Borealis.Common;

namespace Borealis.Volume.Metadata;

/// <summary>
/// Writes the little-endian primitives shared by the metadata command and snapshot formats.
/// Strings are a u16 byte length then UTF-8; node lists are a u16 count then nodes; an
/// optional node list is a u8 presence flag (0 or 1) then, if present, the list.
/// </summary>
internal sealed class MetadataBinaryWriter
{
    private readonly ArrayBufferWriter<byte> buffer = new(256);

    public ReadOnlyMemory<byte> WrittenMemory => buffer.WrittenMemory;

    public byte[] ToArray() => buffer.WrittenSpan.ToArray();


    public void WriteU8(byte value)
    {
        buffer.GetSpan(1)[0] = value;
        buffer.Advance(1);
    }

    public void WriteU16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.GetSpan(2), value);
        buffer.Advance(2);
    }

    public void WriteU32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.GetSpan(4), value);
        buffer.Advance(4);
    }

    public void WriteU64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    public void WriteI64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    public void WriteString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        if (length > ushort.MaxValue) throw new ArgumentException($"a metadata string is at most {ushort.MaxValue} UTF-8 bytes", nameof(value));
        WriteU16((ushort)length);
        Encoding.UTF8.GetBytes(value, buffer.GetSpan(length));
        buffer.Advance(length);
    }

    public void WriteNode(NodeAddress node)
    {
        if (node.Port is <= 0 or > ushort.MaxValue) throw new ArgumentException($"node {node} has no valid port", nameof(node));
        WriteString(node.Host ?? "");
        WriteU16((ushort)node.Port);
        WriteString(node.Zone ?? "");
    }

    public void WriteNodes(IReadOnlyList<NodeAddress> nodes)
    {
        if (nodes.Count > ushort.MaxValue) throw new ArgumentException("too many nodes in one quorum set", nameof(nodes));
        WriteU16((ushort)nodes.Count);
        foreach (var node in nodes) WriteNode(node);
    }

    public void WriteOptionalNodes(IReadOnlyList<NodeAddress>? nodes)
    {
        WriteU8(nodes is null ? (byte)0 : (byte)1);
        if (nodes is not null) WriteNodes(nodes);
    }

    /// <summary>u64 version, node list current, optional node list next.</summary>
    public void WriteMembership(PgMembership membership)
    {
        WriteU64(membership.Version);
        WriteNodes(membership.Current);
        WriteOptionalNodes(membership.Next);
    }

    /// <summary>u32 count, then that many memberships.</summary>
    public void WriteMemberships(IReadOnlyList<PgMembership> groups)
    {
        WriteU32((uint)groups.Count);
        foreach (var group in groups) WriteMembership(group);
    }
}
