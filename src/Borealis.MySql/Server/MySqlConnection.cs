using System.Net;
using System.Net.Sockets;
using Borealis.MySql.Protocol;
using Borealis.MySql.Protocol.Payloads;

namespace Borealis.MySql.Server;

/// <summary>
/// One client connection: the connection phase (handshake, TLS, authentication), then the
/// command loop. Split by concern: Handshake, Auth, Commands, Statements.
/// </summary>
internal sealed partial class MySqlConnection
{
    private readonly MySqlServer _server;
    private readonly Socket _socket;
    private readonly EndPoint? _remote;
    private readonly string _clientHost;
    private readonly PayloadWriter _control = new();
    private readonly byte[] _scramble = new byte[20];
    private Stream? _stream;
    private PacketChannel? _channel;
    private MySqlResultWriter? _results;
    private CapabilityFlags _capabilities;
    private ushort _collation;
    private bool _isTls;
    private IMySqlSession? _session;
    // Replaced after a KILL QUERY; read by other connections' KILL, hence volatile.
    private volatile CancellationTokenSource _queryCts = new();
    private volatile bool _killed;
    private volatile string _command = "Connect";
    private long _stateSinceTicks = Environment.TickCount64;

    public MySqlConnection(MySqlServer server, Socket socket, MySqlConnectionId id)
    {
        _server = server;
        _socket = socket;
        Id = id;
        try
        {
            _socket.NoDelay = true;
            _remote = socket.RemoteEndPoint;
        }
        catch (SocketException)
        {
            // A peer that reset before we got here: the first read fails and closes the connection.
        }
        // Loopback clients are 'localhost', as mysqld names them after resolving 127.0.0.1.
        var address = (_remote as IPEndPoint)?.Address;
        if (address is { IsIPv4MappedToIPv6: true }) address = address.MapToIPv4();
        _clientHost = address is null ? "localhost" : IPAddress.IsLoopback(address) ? "localhost" : address.ToString();
    }

    public MySqlConnectionId Id { get; }

    /// <summary>Set once authenticated; replaced by COM_CHANGE_USER.</summary>
    public MySqlSessionContext? Context { get; private set; }

    private MySqlServerOptions Options => _server.Options;

    private PacketChannel Channel => _channel ?? throw new InvalidOperationException("No channel yet.");

    public MySqlProcessInfo ProcessInfo() => new(Id, Context?.User ?? "unauthenticated user", _clientHost, Context?.Database,
        _command, (int)((Environment.TickCount64 - Interlocked.Read(ref _stateSinceTicks)) / 1000));

    private void SetCommand(string command)
    {
        _command = command;
        Interlocked.Exchange(ref _stateSinceTicks, Environment.TickCount64);
    }

    public async Task RunAsync()
    {
        // Yield so the accept loop goes back to accepting while this connection starts.
        await Task.Yield();
        var reason = "client quit";
        try
        {
            if (_server.ConnectionCount > Options.MaxConnections)
            {
                await SendEarlyErrorAsync(MySqlErrorCode.ConnectionCountError).ConfigureAwait(false);
                reason = "too many connections";
                return;
            }
            reason = await ConnectAsync().ConfigureAwait(false) ?? await CommandLoopAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException
            or System.Security.Authentication.AuthenticationException)
        {
            reason = ex.Message;
        }
        catch (Exception ex)
        {
            // Never let one connection's failure reach the server: log it here where it is handled.
            MySqlLog.ConnectionFailed(_server.Logger, Id, ex);
            reason = ex.Message;
        }
        finally
        {
            try
            {
                await CloseAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // Clean-up failing (a session's DisposeAsync, a TLS close on a dead socket) must not
                // fault this task: the server awaits it on shutdown.
                MySqlLog.ConnectionFailed(_server.Logger, Id, ex);
            }
            finally
            {
                _socket.Dispose();
                _server.Remove(this);
            }
            MySqlLog.ConnectionClosed(_server.Logger, Id, _remote, reason);
        }
    }

    private async Task CloseAsync()
    {
        Abort();
        CloseAllStatements();
        if (_session is { } session)
        {
            _session = null;
            try
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                MySqlLog.SessionFailed(_server.Logger, Id, "dispose", ex);
            }
        }
        if (_channel is not null) await _channel.CompleteAsync().ConfigureAwait(false);
        _results?.ReleaseBuffers();
        _control.Release();
        if (_stream is not null) await _stream.DisposeAsync().ConfigureAwait(false);
        _queryCts.Dispose();
    }

    /// <summary>Ends the connection: the blocked read (if any) wakes up with an error.</summary>
    public void Abort()
    {
        _killed = true;
        try
        {
            _queryCts.Cancel();
        }
        catch (ObjectDisposedException) { }
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (ObjectDisposedException) { }
        catch (SocketException) { }
    }

    /// <summary>KILL QUERY cancels the running command; KILL CONNECTION also closes the connection.</summary>
    public void Kill(bool queryOnly)
    {
        if (!queryOnly)
        {
            Abort();
            return;
        }
        try
        {
            _queryCts.Cancel();
        }
        catch (ObjectDisposedException) { }
    }

    /// <summary>A token for one command; a fresh one after KILL QUERY cancelled the last.</summary>
    private CancellationToken QueryToken()
    {
        if (_queryCts.IsCancellationRequested && !_killed)
        {
            _queryCts.Dispose();
            _queryCts = new CancellationTokenSource();
        }
        return _queryCts.Token;
    }

    /// <summary>An ERR before any handshake (too many connections): sequence id 0, then close.</summary>
    private async Task SendEarlyErrorAsync(MySqlErrorCode code)
    {
        using var stream = new NetworkStream(_socket, ownsSocket: false);
        ErrorPayload.Create(code).Write(_control);
        await WriteRawPacketAsync(stream, 0, _control).ConfigureAwait(false);
    }

    /// <summary>A packet straight to the stream, before the pipes exist.</summary>
    private static async Task WriteRawPacketAsync(Stream stream, byte sequence, PayloadWriter payload)
    {
        var length = payload.Length;
        var packet = new byte[4 + length];
        packet[0] = (byte)length;
        packet[1] = (byte)(length >> 8);
        packet[2] = (byte)(length >> 16);
        packet[3] = sequence;
        payload.WrittenSpan.CopyTo(packet.AsSpan(4));
        payload.Clear();
        await stream.WriteAsync(packet).ConfigureAwait(false);
        await stream.FlushAsync().ConfigureAwait(false);
    }
}
