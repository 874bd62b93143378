namespace Borealis.MySql.Protocol.Payloads;

/// <summary>
/// OK packet; with CLIENT_DEPRECATE_EOF it also ends a result set, then with header 0xFE.
/// https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_ok_packet.html
/// </summary>
public readonly struct OkPayload(ulong affectedRows, ulong lastInsertId, ServerStatus status, ushort warnings, string? info = null, bool isEof = false)
{
    public const byte Signature = 0x00;
    public const byte EofSignature = 0xFE;

    public ulong AffectedRows { get; } = affectedRows;
    public ulong LastInsertId { get; } = lastInsertId;
    public ServerStatus Status { get; } = status;
    public ushort Warnings { get; } = warnings;
    public string? Info { get; } = info;
    public bool IsEof { get; } = isEof;

    public void Write(PayloadWriter writer)
    {
        writer.WriteByte(IsEof ? EofSignature : Signature);
        writer.WriteLengthEncodedInteger(AffectedRows);
        writer.WriteLengthEncodedInteger(LastInsertId);
        writer.WriteUInt16((ushort)Status);
        writer.WriteUInt16(Warnings);
        // Without CLIENT_SESSION_TRACK (not offered) the info is a string<EOF>.
        if (!string.IsNullOrEmpty(Info)) writer.WriteUtf8(Info);
    }
}
