namespace Borealis.MySql.Protocol.Payloads;

/// <summary>
/// Extra authentication data from the server: caching_sha2_password's fast-auth-success (3),
/// perform-full-authentication (4), or its PEM public key.
/// https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_auth_more_data.html
/// </summary>
public readonly struct AuthMoreDataPayload(ReadOnlyMemory<byte> data)
{
    public const byte Signature = 0x01;

    public ReadOnlyMemory<byte> Data { get; } = data;

    public void Write(PayloadWriter writer)
    {
        writer.WriteByte(Signature);
        writer.WriteBytes(Data.Span);
    }
}
