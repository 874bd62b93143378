namespace Borealis.Common.Net;

/// <summary>A reply a server writes back as one frame. Disposed once written (or dropped with its connection).</summary>
public interface IReplyFrame : IDisposable
{
    ushort Type { get; }
    int BodyLength { get; }
    void WriteBody(Span<byte> destination);
}

/// <summary>
/// What a <see cref="FramedTcpServer{TReply}"/> calls for each request frame, in arrival order
/// on its connection. <paramref name="body"/> stays valid until the returned task completes.
/// A throw (or a faulted task) is a bug in the handler: the server logs it and closes the connection.
/// </summary>
/// <typeparam name="TReply">A struct, so replies are not boxed on the way to the socket.</typeparam>
public interface IFrameHandler<TReply> where TReply : IReplyFrame
{
    ValueTask<TReply> HandleAsync(ushort type, ulong correlationId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);
}

/// <summary>A reply made of bytes already in memory, optionally owned by a pooled buffer.</summary>
public readonly struct BytesReplyFrame(ushort type, ReadOnlyMemory<byte> body, IDisposable? owner = null) : IReplyFrame
{
    public ushort Type { get; } = type;
    public ReadOnlyMemory<byte> Body { get; } = body;
    public int BodyLength => Body.Length;
    public void WriteBody(Span<byte> destination) => Body.Span.CopyTo(destination);
    public void Dispose() => owner?.Dispose();
}
