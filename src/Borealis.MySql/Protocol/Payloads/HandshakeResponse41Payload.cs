namespace Borealis.MySql.Protocol.Payloads;

/// <summary>
/// The client's answer to the handshake, or its short SSLRequest prefix (32 bytes) before TLS.
/// https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_handshake_response.html
/// </summary>
public readonly struct HandshakeResponse41Payload
{
    public HandshakeResponse41Payload() { }

    /// <summary>capabilities(4) + max packet(4) + collation(1) + filler(23).</summary>
    public const int SslRequestLength = 32;

    public CapabilityFlags Capabilities { get; private init; }
    public uint MaxPacketSize { get; private init; }
    public byte Collation { get; private init; }
    public bool IsSslRequest { get; private init; }
    public string User { get; private init; } = "";
    public byte[] AuthResponse { get; private init; } = [];
    public string? Database { get; private init; }
    public string? AuthPluginName { get; private init; }
    public IReadOnlyDictionary<string, string> Attributes { get; private init; } = EmptyAttributes;

    private static readonly Dictionary<string, string> EmptyAttributes = [];

    public static HandshakeResponse41Payload Create(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var capabilities = (CapabilityFlags)reader.ReadUInt32();
        // Pre-4.1 clients (HandshakeResponse320) are not served: MySQL 8 refuses them too.
        if ((capabilities & CapabilityFlags.Protocol41) == 0) throw new MalformedPacketException("client does not speak protocol 4.1");
        var maxPacket = reader.ReadUInt32();
        var collation = reader.ReadByte();
        reader.Skip(23);
        if (reader.IsAtEnd)
        {
            if ((capabilities & CapabilityFlags.Ssl) == 0) throw new MalformedPacketException("handshake response without a user");
            return new HandshakeResponse41Payload { Capabilities = capabilities, MaxPacketSize = maxPacket, Collation = collation, IsSslRequest = true };
        }
        var user = PayloadReader.Utf8(reader.ReadNullTerminatedBytes());
        byte[] auth;
        if ((capabilities & CapabilityFlags.PluginAuthLenencClientData) != 0)
            auth = reader.ReadLengthEncodedBytes().ToArray();
        else if ((capabilities & CapabilityFlags.SecureConnection) != 0)
            auth = reader.ReadBytes(reader.ReadByte()).ToArray();
        else
            auth = reader.ReadNullTerminatedOrRest().ToArray();
        string? database = null;
        if ((capabilities & CapabilityFlags.ConnectWithDb) != 0 && !reader.IsAtEnd)
        {
            var db = reader.ReadNullTerminatedOrRest();
            database = db.IsEmpty ? null : PayloadReader.Utf8(db);
        }
        string? plugin = null;
        if ((capabilities & CapabilityFlags.PluginAuth) != 0 && !reader.IsAtEnd)
            plugin = PayloadReader.Utf8(reader.ReadNullTerminatedOrRest());
        var attributes = EmptyAttributes;
        if ((capabilities & CapabilityFlags.ConnectAttrs) != 0 && !reader.IsAtEnd)
            attributes = ReadAttributes(ref reader);
        return new HandshakeResponse41Payload
        {
            Capabilities = capabilities,
            MaxPacketSize = maxPacket,
            Collation = collation,
            User = user,
            AuthResponse = auth,
            Database = database,
            AuthPluginName = string.IsNullOrEmpty(plugin) ? null : plugin,
            Attributes = attributes,
        };
    }

    /// <summary>Key/value pairs of length-encoded strings inside a length-encoded block.</summary>
    internal static Dictionary<string, string> ReadAttributes(ref PayloadReader reader)
    {
        var block = new PayloadReader(reader.ReadLengthEncodedBytes());
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        while (!block.IsAtEnd)
        {
            var key = PayloadReader.Utf8(block.ReadLengthEncodedBytes());
            var value = PayloadReader.Utf8(block.ReadLengthEncodedBytes());
            attributes[key] = value;
        }
        return attributes;
    }
}
