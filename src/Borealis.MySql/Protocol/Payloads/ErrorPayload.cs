namespace Borealis.MySql.Protocol.Payloads;

/// <summary>
/// ERR packet. https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_err_packet.html
/// </summary>
public readonly struct ErrorPayload(ushort errorCode, string sqlState, string message)
{
    public const byte Signature = 0xFF;

    public ushort ErrorCode { get; } = errorCode;
    public string SqlState { get; } = sqlState;
    public string Message { get; } = message;

    public static ErrorPayload Create(MySqlErrorException error) => new((ushort)error.Code, error.SqlState, error.Message);

    public static ErrorPayload Create(MySqlErrorCode code, params object?[] args) =>
        new((ushort)code, MySqlErrors.Get(code).SqlState, MySqlErrorException.Format(code, args));

    public void Write(PayloadWriter writer)
    {
        writer.WriteByte(Signature);
        writer.WriteUInt16(ErrorCode);
        // The SQLSTATE marker is sent whenever CLIENT_PROTOCOL_41 is on, which we require.
        writer.WriteByte((byte)'#');
        writer.WriteUtf8(SqlState);
        writer.WriteUtf8(Message);
    }
}
