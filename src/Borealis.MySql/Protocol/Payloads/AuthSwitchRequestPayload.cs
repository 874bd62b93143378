namespace Borealis.MySql.Protocol.Payloads;

/// <summary>
/// Asks the client to authenticate with another plugin.
/// https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_auth_switch_request.html
/// </summary>
public readonly struct AuthSwitchRequestPayload(string pluginName, ReadOnlyMemory<byte> pluginData)
{
    public const byte Signature = 0xFE;

    public string PluginName { get; } = pluginName;
    public ReadOnlyMemory<byte> PluginData { get; } = pluginData;

    public void Write(PayloadWriter writer)
    {
        writer.WriteByte(Signature);
        writer.WriteNullTerminatedString(PluginName);
        // Both built-in plugins send the 20-byte scramble followed by a NUL, as mysqld does.
        writer.WriteNullTerminatedString(PluginData.Span);
    }
}
