namespace Borealis.MySql.Protocol.Payloads;

/// <summary>
/// COM_CHANGE_USER. https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_change_user.html
/// </summary>
public readonly struct ChangeUserPayload
{
    public ChangeUserPayload() { }

    public string User { get; private init; } = "";
    public byte[] AuthResponse { get; private init; } = [];
    public string? Database { get; private init; }
    public ushort? Collation { get; private init; }
    public string? AuthPluginName { get; private init; }
    public IReadOnlyDictionary<string, string>? Attributes { get; private init; }

    /// <param name="payload">The packet without its command byte.</param>
    public static ChangeUserPayload Create(ReadOnlySpan<byte> payload, CapabilityFlags capabilities)
    {
        var reader = new PayloadReader(payload);
        var user = PayloadReader.Utf8(reader.ReadNullTerminatedBytes());
        var auth = (capabilities & CapabilityFlags.SecureConnection) != 0
            ? reader.ReadBytes(reader.ReadByte()).ToArray()
            : reader.ReadNullTerminatedOrRest().ToArray();
        var db = reader.IsAtEnd ? [] : reader.ReadNullTerminatedOrRest();
        ushort? collation = reader.Remaining >= 2 ? reader.ReadUInt16() : null;
        string? plugin = null;
        if ((capabilities & CapabilityFlags.PluginAuth) != 0 && !reader.IsAtEnd)
            plugin = PayloadReader.Utf8(reader.ReadNullTerminatedOrRest());
        IReadOnlyDictionary<string, string>? attributes = null;
        if ((capabilities & CapabilityFlags.ConnectAttrs) != 0 && !reader.IsAtEnd)
            attributes = HandshakeResponse41Payload.ReadAttributes(ref reader);
        return new ChangeUserPayload
        {
            User = user,
            AuthResponse = auth,
            Database = db.IsEmpty ? null : PayloadReader.Utf8(db),
            Collation = collation,
            AuthPluginName = string.IsNullOrEmpty(plugin) ? null : plugin,
            Attributes = attributes,
        };
    }
}
