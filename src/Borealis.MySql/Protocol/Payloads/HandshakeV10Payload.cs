namespace Borealis.MySql.Protocol.Payloads;

/// <summary>
/// The server's first packet. https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_handshake_v10.html
/// </summary>
public readonly struct HandshakeV10Payload(string serverVersion, uint connectionId, ReadOnlyMemory<byte> scramble,
    CapabilityFlags capabilities, byte collation, ServerStatus status, string authPluginName)
{
    public const byte ProtocolVersion = 10;

    public string ServerVersion { get; } = serverVersion;
    public uint ConnectionId { get; } = connectionId;
    public ReadOnlyMemory<byte> Scramble { get; } = scramble;
    public CapabilityFlags Capabilities { get; } = capabilities;
    public byte Collation { get; } = collation;
    public ServerStatus Status { get; } = status;
    public string AuthPluginName { get; } = authPluginName;

    public void Write(PayloadWriter writer)
    {
        var scramble = Scramble.Span;
        writer.WriteByte(ProtocolVersion);
        writer.WriteNullTerminatedString(ServerVersion);
        writer.WriteUInt32(ConnectionId);
        writer.WriteBytes(scramble[..8]);
        writer.WriteByte(0);
        writer.WriteUInt16((ushort)Capabilities);
        writer.WriteByte(Collation);
        writer.WriteUInt16((ushort)Status);
        writer.WriteUInt16((ushort)((uint)Capabilities >> 16));
        // Length of the whole scramble including its terminating NUL (21 for the usual 20 bytes).
        writer.WriteByte((byte)(scramble.Length + 1));
        writer.WriteZeros(10);
        writer.WriteBytes(scramble[8..]);
        writer.WriteByte(0);
        writer.WriteNullTerminatedString(AuthPluginName);
    }
}
