namespace Borealis.MySql.Protocol.Payloads;

/// <summary>
/// EOF packet, used when the client did not ask for CLIENT_DEPRECATE_EOF.
/// https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_eof_packet.html
/// </summary>
public readonly struct EofPayload(ushort warnings, ServerStatus status)
{
    public const byte Signature = 0xFE;

    public ushort Warnings { get; } = warnings;
    public ServerStatus Status { get; } = status;

    public void Write(PayloadWriter writer)
    {
        writer.WriteByte(Signature);
        writer.WriteUInt16(Warnings);
        writer.WriteUInt16((ushort)Status);
    }
}
