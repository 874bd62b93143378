namespace Borealis.Common.Net;

/// <summary>Limits of a framed TCP connection, for both <see cref="FramedTcpServer{TReply}"/> and <see cref="FramedTcpClient"/>.</summary>
public sealed record FramedTcpOptions
{
    public static readonly FramedTcpOptions Default = new();

    /// <summary>A frame declaring a larger body closes the connection.</summary>
    public int MaxBodySize { get; init; } = FrameHeader.DefaultMaxBodySize;

    /// <summary>
    /// Client: bytes written but not yet taken by the socket. A stopped peer (SIGSTOP) keeps
    /// its connection open and reads nothing; past this bound new requests fail at once
    /// instead of queueing without end.
    /// </summary>
    public long MaxUnsentBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Client: requests awaiting a reply on one connection before new ones fail at once.</summary>
    public int MaxPendingRequests { get; init; } = 64 * 1024;

    /// <summary>Client: the least time between connect attempts, so a dead node is not hammered.</summary>
    public TimeSpan ReconnectBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Client: how often expired requests are looked for; a request may outlive its timeout by this much.</summary>
    public TimeSpan TimeoutResolution { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Server: finished replies queued per connection for writing before the connection stops reading requests.</summary>
    public int MaxQueuedReplies { get; init; } = 4096;
}
