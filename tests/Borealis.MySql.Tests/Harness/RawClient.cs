using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Borealis.MySql.Protocol;

namespace Borealis.MySql.Tests.Harness;

/// <summary>A minimal MySQL client over a raw socket, for what real clients never send: malformed packets, cursors, COM_CHANGE_USER.</summary>
public sealed class RawClient : IDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;

    private RawClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _stream.ReadTimeout = 10_000;
    }

    public byte Sequence { get; set; }

    public byte[] Scramble { get; private set; } = [];

    public CapabilityFlags ServerCapabilities { get; private set; }

    public static async Task<RawClient> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        return new RawClient(socket);
    }

    public const CapabilityFlags DefaultFlags = CapabilityFlags.Protocol41 | CapabilityFlags.SecureConnection | CapabilityFlags.PluginAuth
        | CapabilityFlags.LongPassword | CapabilityFlags.Transactions | CapabilityFlags.MultiResults | CapabilityFlags.DeprecateEof;

    /// <summary>
    /// Logs in with caching_sha2_password over a plain connection; on full authentication either
    /// asks for the RSA key and encrypts (as clients do) or, wrongly, sends the password in clear.
    /// </summary>
    public async Task<byte[]> LoginCachingSha2Async(string user, string password, bool cleartext = false)
    {
        ParseGreeting(await ReadPacketAsync());
        var flags = DefaultFlags;
        var payload = new List<byte>();
        payload.AddRange(BitConverter.GetBytes((uint)flags));
        payload.AddRange(BitConverter.GetBytes(16u << 20));
        payload.Add(45);
        payload.AddRange(new byte[23]);
        payload.AddRange(Encoding.UTF8.GetBytes(user));
        payload.Add(0);
        var auth = MySqlPasswords.ScrambleCachingSha2(Encoding.UTF8.GetBytes(password), Scramble);
        payload.Add((byte)auth.Length);
        payload.AddRange(auth);
        payload.AddRange("caching_sha2_password\0"u8.ToArray());
        await WritePacketAsync(payload.ToArray());
        var answer = await ReadPacketAsync();
        if (answer is not [0x01, 0x04]) return answer;
        var secret = Encoding.UTF8.GetBytes(password + "\0");
        if (cleartext)
        {
            await WritePacketAsync(secret);
            return await ReadPacketAsync();
        }
        await WritePacketAsync([0x02]);
        var key = await ReadPacketAsync();
        using var rsa = System.Security.Cryptography.RSA.Create();
        rsa.ImportFromPem(Encoding.ASCII.GetString(key, 1, key.Length - 1));
        for (var i = 0; i < secret.Length; i++) secret[i] ^= Scramble[i % Scramble.Length];
        await WritePacketAsync(rsa.Encrypt(secret, System.Security.Cryptography.RSAEncryptionPadding.OaepSHA1));
        return await ReadPacketAsync();
    }

    /// <summary>Reads the greeting and logs in with mysql_native_password (following an auth switch if the account wants another plugin). Returns the final packet.</summary>
    public async Task<byte[]> LoginAsync(string user, string password, CapabilityFlags flags = DefaultFlags, string? database = null)
    {
        var greeting = await ReadPacketAsync();
        ParseGreeting(greeting);
        var payload = new List<byte>();
        if (database is not null) flags |= CapabilityFlags.ConnectWithDb;
        payload.AddRange(BitConverter.GetBytes((uint)flags));
        payload.AddRange(BitConverter.GetBytes(16u << 20));
        payload.Add(45);
        payload.AddRange(new byte[23]);
        payload.AddRange(Encoding.UTF8.GetBytes(user));
        payload.Add(0);
        var auth = MySqlPasswords.ScrambleNative(Encoding.UTF8.GetBytes(password), Scramble);
        payload.Add((byte)auth.Length);
        payload.AddRange(auth);
        if (database is not null)
        {
            payload.AddRange(Encoding.UTF8.GetBytes(database));
            payload.Add(0);
        }
        payload.AddRange("mysql_native_password\0"u8.ToArray());
        await WritePacketAsync(payload.ToArray());
        var answer = await ReadPacketAsync();
        if (answer[0] == 0xFE)
        {
            // Auth switch to caching_sha2_password: answer with its scramble; full auth is not supported here.
            await WritePacketAsync(MySqlPasswords.ScrambleCachingSha2(Encoding.UTF8.GetBytes(password), Scramble));
            answer = await ReadPacketAsync();
            if (answer[0] == 0x01) answer = await ReadPacketAsync();
        }
        return answer;
    }

    private void ParseGreeting(byte[] greeting)
    {
        var offset = Array.IndexOf(greeting, (byte)0, 1) + 1;
        offset += 4;
        var part1 = greeting.AsSpan(offset, 8).ToArray();
        offset += 9;
        var low = BinaryPrimitives.ReadUInt16LittleEndian(greeting.AsSpan(offset));
        offset += 2 + 1 + 2;
        var high = BinaryPrimitives.ReadUInt16LittleEndian(greeting.AsSpan(offset));
        offset += 2 + 1 + 10;
        ServerCapabilities = (CapabilityFlags)(low | ((uint)high << 16));
        Scramble = [.. part1, .. greeting.AsSpan(offset, 12).ToArray()];
    }

    public async Task WritePacketAsync(byte[] payload)
    {
        var packet = new byte[4 + payload.Length];
        packet[0] = (byte)payload.Length;
        packet[1] = (byte)(payload.Length >> 8);
        packet[2] = (byte)(payload.Length >> 16);
        packet[3] = Sequence++;
        payload.CopyTo(packet, 4);
        await _stream.WriteAsync(packet);
    }

    /// <summary>A command: sequence restarts at 0.</summary>
    public Task CommandAsync(CommandKind command, params byte[] body)
    {
        Sequence = 0;
        return WritePacketAsync([(byte)command, .. body]);
    }

    public Task QueryAsync(string sql) => CommandAsync(CommandKind.Query, Encoding.UTF8.GetBytes(sql));

    public async Task WriteRawAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    /// <summary>Reads one packet (not joined); throws EndOfStreamException when the server closed.</summary>
    public async Task<byte[]> ReadPacketAsync()
    {
        var header = new byte[4];
        await _stream.ReadExactlyAsync(header);
        var length = header[0] | (header[1] << 8) | (header[2] << 16);
        Sequence = (byte)(header[3] + 1);
        var payload = new byte[length];
        await _stream.ReadExactlyAsync(payload);
        return payload;
    }

    /// <summary>True when the server has closed the connection (reads return end of stream).</summary>
    public async Task<bool> IsClosedAsync(TimeSpan wait)
    {
        using var cts = new CancellationTokenSource(wait);
        var buffer = new byte[1024];
        try
        {
            while (true)
            {
                var n = await _stream.ReadAsync(buffer, cts.Token);
                if (n == 0) return true;
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>Reads packets until an OK/EOF (0xFE, short) or ERR ends the response; returns all of them.</summary>
    public async Task<List<byte[]>> ReadResponseAsync()
    {
        var packets = new List<byte[]>();
        while (true)
        {
            var p = await ReadPacketAsync();
            packets.Add(p);
            if (p.Length == 0) continue;
            if (p[0] == 0xFF) return packets;
            if (packets.Count == 1 && p[0] == 0x00) return packets;
            if (p[0] == 0xFE && p.Length < 0xFFFFFF && packets.Count > 1) return packets;
        }
    }

    public static (ushort Code, string SqlState, string Message) ParseError(byte[] packet)
    {
        if (packet[0] != 0xFF) throw new InvalidOperationException($"not an ERR packet: 0x{packet[0]:X2}");
        var code = BinaryPrimitives.ReadUInt16LittleEndian(packet.AsSpan(1));
        return (code, Encoding.ASCII.GetString(packet, 4, 5), Encoding.UTF8.GetString(packet, 9, packet.Length - 9));
    }

    public void Dispose() => _stream.Dispose();
}
