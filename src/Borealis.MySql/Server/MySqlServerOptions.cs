using System.Net;

namespace Borealis.MySql;

/// <summary>Settings of the MySQL listener; defaults are MySQL 8.0's.</summary>
public sealed record MySqlServerOptions
{
    public IPEndPoint EndPoint { get; init; } = new(IPAddress.Loopback, 3306);

    /// <summary>Where the generated TLS certificate and RSA key are kept.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>A PKCS#12 certificate to serve instead of the generated one.</summary>
    public string? CertificatePath { get; init; }

    public string? CertificatePassword { get; init; }

    /// <summary>Offer CLIENT_SSL. Off only for tests of the plain path.</summary>
    public bool TlsEnabled { get; init; } = true;

    /// <summary>Connectors parse the leading "major.minor.patch" to pick features; MariaDB's own clients accept any 8.0.</summary>
    public string ServerVersion { get; init; } = "8.0.36-Borealis";

    /// <summary>The plugin named in the initial handshake (MySQL 8.0: caching_sha2_password).</summary>
    public string DefaultAuthPlugin { get; init; } = AuthPlugins.CachingSha2Password;

    /// <summary>The collation id of the initial handshake (utf8mb4_0900_ai_ci).</summary>
    public byte DefaultCollation { get; init; } = (byte)Protocol.Collations.Utf8Mb4_0900_ai_ci;

    /// <summary>max_allowed_packet: a larger client packet is answered with 1153 and the connection closed.</summary>
    public int MaxAllowedPacket { get; init; } = 64 * 1024 * 1024;

    /// <summary>wait_timeout: an idle non-interactive connection is closed (with ERR 4031) after this.</summary>
    public TimeSpan WaitTimeout { get; init; } = TimeSpan.FromSeconds(28800);

    /// <summary>interactive_timeout, for clients that set CLIENT_INTERACTIVE.</summary>
    public TimeSpan InteractiveTimeout { get; init; } = TimeSpan.FromSeconds(28800);

    /// <summary>net_read_timeout: the longest wait for the rest of a packet once it has begun.</summary>
    public TimeSpan NetReadTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>net_write_timeout: the longest a write may block on a client that does not read.</summary>
    public TimeSpan NetWriteTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>connect_timeout: the whole connection phase (handshake, TLS, authentication).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>max_connections; MySQL's default is 151, Borealis holds idle connections cheaply.</summary>
    public int MaxConnections { get; init; } = 10000;

    /// <summary>Offer CLIENT_DEPRECATE_EOF. Off only to test the EOF-packet path with clients that always ask for it.</summary>
    public bool DeprecateEof { get; init; } = true;

    /// <summary>Rows sent before the writer flushes to the socket (bytes).</summary>
    public int FlushThreshold { get; init; } = 64 * 1024;
}
