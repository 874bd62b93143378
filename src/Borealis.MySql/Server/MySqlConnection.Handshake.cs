using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using Borealis.MySql.Protocol;
using Borealis.MySql.Protocol.Payloads;

namespace Borealis.MySql.Server;

// The connection phase: HandshakeV10, the optional SSLRequest and TLS upgrade, the
// HandshakeResponse41, authentication, then the session.
// https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase.html
internal sealed partial class MySqlConnection
{
    // A handshake response is a few hundred bytes; anything near this is not a MySQL client.
    private const int MaxHandshakeResponse = 64 * 1024;

    private CapabilityFlags ServerCapabilities
    {
        get
        {
            var flags = CapabilityFlags.LongPassword | CapabilityFlags.FoundRows | CapabilityFlags.LongFlag
                | CapabilityFlags.ConnectWithDb | CapabilityFlags.Protocol41 | CapabilityFlags.Interactive
                | CapabilityFlags.IgnoreSigpipe | CapabilityFlags.Transactions | CapabilityFlags.SecureConnection
                | CapabilityFlags.MultiStatements | CapabilityFlags.MultiResults | CapabilityFlags.PsMultiResults
                | CapabilityFlags.PluginAuth | CapabilityFlags.ConnectAttrs | CapabilityFlags.PluginAuthLenencClientData;
            // CLIENT_LOCAL_FILES is never offered: LOAD DATA LOCAL lets a server read the client's files.
            if (_server.Certificate is not null) flags |= CapabilityFlags.Ssl;
            if (Options.DeprecateEof) flags |= CapabilityFlags.DeprecateEof;
            return flags;
        }
    }

    /// <summary>Runs the connection phase; null when the client is logged in, else why it was closed.</summary>
    private async Task<string?> ConnectAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_server.Stopping);
        timeout.CancelAfter(Options.ConnectTimeout);
        // connect_timeout covers TLS and authentication too; on expiry the socket is shut down.
        await using var registration = timeout.Token.Register(static state => ((MySqlConnection)state!).Abort(), this).ConfigureAwait(false);

        FillScramble(_scramble);
        var network = new NetworkStream(_socket, ownsSocket: false);
        _stream = network;
        var serverCapabilities = ServerCapabilities;
        new HandshakeV10Payload(Options.ServerVersion, Id.Value, _scramble, serverCapabilities, Options.DefaultCollation,
            ServerStatus.Autocommit, Options.DefaultAuthPlugin).Write(_control);
        await WriteRawPacketAsync(network, 0, _control).ConfigureAwait(false);

        // The first answer is read exactly (not through a pipe) because after an SSLRequest the
        // next bytes are the TLS ClientHello, which must reach SslStream rather than a pipe's buffer.
        var (sequence, first) = await ReadRawPacketAsync(network).ConfigureAwait(false);
        HandshakeResponse41Payload response;
        try
        {
            if (sequence != 1 || first is null) throw new MalformedPacketException("bad first packet");
            response = HandshakeResponse41Payload.Create(first);
        }
        catch (MalformedPacketException)
        {
            ErrorPayload.Create(MySqlErrorCode.HandshakeError).Write(_control);
            await WriteRawPacketAsync(network, 2, _control).ConfigureAwait(false);
            return "bad handshake";
        }

        if (response.IsSslRequest)
        {
            if (_server.Certificate is null) return "SSL requested but TLS is off";
            var ssl = new SslStream(network, leaveInnerStreamOpen: false);
            _stream = ssl;
            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = _server.Certificate,
                ClientCertificateRequired = false,
            }, timeout.Token).ConfigureAwait(false);
            _isTls = true;
            CreateChannel(ssl, 2);
            var packet = await Channel.ReadPacketAsync(newCommand: false, Options.NetReadTimeout).ConfigureAwait(false);
            if (packet is null) return "closed after TLS";
            try
            {
                response = HandshakeResponse41Payload.Create(packet.Value.Span);
                if (response.IsSslRequest) throw new MalformedPacketException("second SSLRequest");
            }
            catch (MalformedPacketException)
            {
                await SendErrorAndFlushAsync(ErrorPayload.Create(MySqlErrorCode.HandshakeError)).ConfigureAwait(false);
                return "bad handshake";
            }
        }
        else
        {
            CreateChannel(network, 2);
        }

        _capabilities = serverCapabilities & response.Capabilities;
        _collation = response.Collation != 0 ? response.Collation : Options.DefaultCollation;
        var account = await AuthenticateAsync(response.User, response.AuthResponse, response.AuthPluginName).ConfigureAwait(false);
        if (account is null) return "access denied";
        if (!await OpenSessionAsync(account, response.User, response.Database, response.Attributes, timeout.Token).ConfigureAwait(false))
            return "unknown database";
        new OkPayload(0, 0, _session!.Status, 0).Write(_control);
        Channel.WritePacket(_control);
        await Channel.FlushAsync().ConfigureAwait(false);
        return null;
    }

    /// <summary>Opens the SQL session for an authenticated account; false (after an ERR) when its database is refused.</summary>
    private async Task<bool> OpenSessionAsync(MySqlAccount account, string user, string? database, IReadOnlyDictionary<string, string>? attributes, CancellationToken ct)
    {
        var context = new MySqlSessionContext
        {
            ConnectionId = Id,
            User = user,
            ClientHost = _clientHost,
            Account = account,
            RemoteEndPoint = _remote,
            Database = database,
            Collation = _collation,
            IsTls = _isTls,
            FoundRows = (_capabilities & CapabilityFlags.FoundRows) != 0,
            MultiStatements = (_capabilities & CapabilityFlags.MultiStatements) != 0,
            Interactive = (_capabilities & CapabilityFlags.Interactive) != 0,
            Attributes = attributes ?? new Dictionary<string, string>(),
            Server = _server,
        };
        var session = await _server.Sessions.OpenAsync(context, ct).ConfigureAwait(false);
        if (database is not null)
        {
            try
            {
                await session.InitDbAsync(database, ct).ConfigureAwait(false);
            }
            catch (MySqlErrorException ex)
            {
                await session.DisposeAsync().ConfigureAwait(false);
                await SendErrorAndFlushAsync(ErrorPayload.Create(ex)).ConfigureAwait(false);
                return false;
            }
        }
        _session = session;
        Context = context;
        return true;
    }

    private void CreateChannel(Stream stream, byte sequence)
    {
        // Zero-byte reads: an idle connection waits without holding a read buffer.
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 8192, minimumReadSize: 2048, leaveOpen: true, useZeroByteReads: true));
        var writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 8192, leaveOpen: true));
        _channel = new PacketChannel(reader, writer, Options.MaxAllowedPacket, Options.NetReadTimeout, Options.NetWriteTimeout, Options.FlushThreshold)
        {
            Sequence = sequence,
        };
        _results = new MySqlResultWriter(_channel);
    }

    private async ValueTask SendErrorAndFlushAsync(ErrorPayload error)
    {
        error.Write(_control);
        Channel.WritePacket(_control);
        await Channel.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>Reads one packet exactly; a null payload when it is too long to be a handshake.</summary>
    private static async Task<(byte Sequence, byte[]? Payload)> ReadRawPacketAsync(Stream stream)
    {
        var header = new byte[4];
        await stream.ReadExactlyAsync(header).ConfigureAwait(false);
        var length = header[0] | (header[1] << 8) | (header[2] << 16);
        if (length > MaxHandshakeResponse) return (header[3], null);
        var payload = new byte[length];
        await stream.ReadExactlyAsync(payload).ConfigureAwait(false);
        return (header[3], payload);
    }

    /// <summary>20 random bytes in 1..127 without '$' (clients treat the scramble as a C string), as mysqld's generate_user_salt.</summary>
    private static void FillScramble(Span<byte> scramble)
    {
        RandomNumberGenerator.Fill(scramble);
        for (var i = 0; i < scramble.Length; i++)
        {
            var b = (byte)(scramble[i] % 127 + 1);
            scramble[i] = b == (byte)'$' ? (byte)'%' : b;
        }
    }
}
