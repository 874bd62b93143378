using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Borealis.Common.Net;

namespace Borealis.Common.Tests.Net;

/// <summary>Echoes each body back with type + 1; requests whose first byte is odd wait until released.</summary>
internal sealed class ScriptedHandler : IFrameHandler<BytesReplyFrame>
{
    private readonly ConcurrentQueue<TaskCompletionSource> _held = new();

    public ConcurrentQueue<ulong> Arrivals { get; } = new();
    public bool HoldOdd { get; init; }
    public bool HoldAll { get; init; }
    public bool Throw { get; init; }

    public int HeldCount => _held.Count;

    public ValueTask<BytesReplyFrame> HandleAsync(ushort type, ulong correlationId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (Throw) throw new InvalidOperationException("handler bug");
        Arrivals.Enqueue(BitConverter.ToUInt64(body.Span));
        if (HoldAll || (HoldOdd && (body.Span[0] & 1) == 1))
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _held.Enqueue(gate);
            return ReplyLaterAsync(gate.Task, type, body);
        }
        return ValueTask.FromResult(Echo(type, body.Span));
    }

    private static async ValueTask<BytesReplyFrame> ReplyLaterAsync(Task gate, ushort type, ReadOnlyMemory<byte> body)
    {
        await gate;
        // The body must still be intact here: the server keeps it until this task completes.
        return Echo(type, body.Span);
    }

    private static BytesReplyFrame Echo(ushort type, ReadOnlySpan<byte> body) => new((ushort)(type + 1), body.ToArray());

    /// <summary>Releases held requests newest first, so replies complete out of order.</summary>
    public void ReleaseAllInReverse()
    {
        var all = _held.ToArray();
        _held.Clear();
        for (var i = all.Length - 1; i >= 0; i--) all[i].SetResult();
    }
}

internal static class TestNet
{
    public static IPEndPoint Loopback => new(IPAddress.Loopback, 0);

    /// <summary>A port that nothing listens on (bound, then released).</summary>
    public static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(Loopback);
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public static byte[] Body(ulong value)
    {
        var body = new byte[8];
        BitConverter.TryWriteBytes(body, value);
        return body;
    }

    /// <summary>True once the peer has closed the connection (read returns 0 or resets) within the time given.</summary>
    public static async Task<bool> ClosedByPeerAsync(Socket socket, TimeSpan within)
    {
        var buffer = new byte[1024];
        using var cts = new CancellationTokenSource(within);
        try
        {
            while (true)
            {
                if (await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token) == 0) return true;
            }
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
