namespace Borealis.MySql.Protocol.Payloads;

/// <summary>
/// COM_STMT_PREPARE_OK. https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_stmt_prepare.html
/// </summary>
public readonly struct StmtPrepareOkPayload(uint statementId, ushort columnCount, ushort parameterCount, ushort warnings)
{
    public const byte Signature = 0x00;

    public uint StatementId { get; } = statementId;
    public ushort ColumnCount { get; } = columnCount;
    public ushort ParameterCount { get; } = parameterCount;
    public ushort Warnings { get; } = warnings;

    public void Write(PayloadWriter writer)
    {
        writer.WriteByte(Signature);
        writer.WriteUInt32(StatementId);
        writer.WriteUInt16(ColumnCount);
        writer.WriteUInt16(ParameterCount);
        writer.WriteByte(0);
        writer.WriteUInt16(Warnings);
    }
}
