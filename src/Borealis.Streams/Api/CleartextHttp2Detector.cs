using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Borealis.Streams.Api;

/// <summary>
/// Serves HTTP/1.1 and cleartext HTTP/2 on one port. Kestrel (through .NET 10) speaks only
/// HTTP/1.1 on a cleartext endpoint that allows both, because it cannot negotiate without TLS
/// (dotnet/aspnetcore#56984), yet the AWS SDK for JavaScript talks HTTP/2 with prior knowledge to
/// an http:// Kinesis endpoint. So this connection middleware peeks at the first bytes: the
/// HTTP/2 client preface (RFC 9113 §3.4) sends the connection, bytes unchanged, to an HTTP/2-only
/// Kestrel listener on a Unix socket; anything else goes on to HTTP/1.1 untouched.
/// </summary>
internal static class CleartextHttp2Detector
{
    private static ReadOnlySpan<byte> Preface => "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8;

    public static Func<ConnectionDelegate, ConnectionDelegate> Middleware(string http2Socket) => next => async connection =>
    {
        var input = connection.Transport.Input;
        if (!await StartsWithPrefaceAsync(input).ConfigureAwait(false))
        {
            await next(connection).ConfigureAwait(false);
            return;
        }
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(http2Socket), connection.ConnectionClosed).ConfigureAwait(false);
        await using var inner = new NetworkStream(socket, ownsSocket: false);
        var toInner = input.CopyToAsync(inner, connection.ConnectionClosed);
        var fromInner = inner.CopyToAsync(connection.Transport.Output, connection.ConnectionClosed);
        try
        {
            await Task.WhenAny(toInner, fromInner).ConfigureAwait(false);
        }
        finally
        {
            socket.Shutdown(SocketShutdown.Both);
            connection.Abort();
        }
    };

    /// <summary>Reads until the bytes either match the whole preface or diverge from it; consumes nothing.</summary>
    private static async Task<bool> StartsWithPrefaceAsync(PipeReader input)
    {
        while (true)
        {
            var result = await input.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            var length = (int)Math.Min(buffer.Length, Preface.Length);
            var matches = Matches(buffer.Slice(0, length), length);
            var decided = !matches || length == Preface.Length || result.IsCompleted || result.IsCanceled;
            input.AdvanceTo(buffer.Start, decided ? buffer.Start : buffer.End);
            if (decided) return matches && length == Preface.Length;
        }
    }

    private static bool Matches(ReadOnlySequence<byte> start, int length)
    {
        Span<byte> copy = stackalloc byte[length];
        start.CopyTo(copy);
        return copy.SequenceEqual(Preface[..length]);
    }
}
