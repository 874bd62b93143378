using System.Buffers;

namespace Borealis.Common.Net;

/// <summary>Why a <see cref="FramedTcpClient"/> request got no reply.</summary>
public enum FrameFailure
{
    None,
    /// <summary>Could not connect, or still inside the reconnect backoff after a failed connect.</summary>
    ConnectFailed,
    /// <summary>The connection broke (or the peer sent garbage) while the request was pending.</summary>
    ConnectionLost,
    TimedOut,
    /// <summary>Refused before sending: too many bytes unsent or requests pending (the peer is not reading).</summary>
    Overloaded,
    /// <summary>The request body is over the frame size limit.</summary>
    TooLarge,
    Cancelled,
    Disposed,
}

/// <summary>
/// The outcome of one client request: a reply frame whose body lives in a pooled buffer
/// (dispose the result, or take <see cref="Owner"/> over), or a failure with its reason.
/// </summary>
public readonly struct FrameResult : IDisposable
{
    private FrameResult(FrameFailure failure, string? reason, ushort type, PooledBuffer? owner)
    {
        Failure = failure;
        Reason = reason;
        Type = type;
        Owner = owner;
    }

    public FrameFailure Failure { get; }
    public bool IsSuccess => Failure == FrameFailure.None;

    /// <summary>Why the request failed; null on success.</summary>
    public string? Reason { get; }

    public ushort Type { get; }
    public IMemoryOwner<byte>? Owner { get; }
    public ReadOnlyMemory<byte> Body => Owner?.Memory ?? ReadOnlyMemory<byte>.Empty;

    internal static FrameResult Success(ushort type, PooledBuffer body) => new(FrameFailure.None, null, type, body);

    public static FrameResult Failed(FrameFailure failure, string reason) => new(failure, reason, 0, null);

    public void Dispose() => Owner?.Dispose();

    public override string ToString() => IsSuccess ? $"reply type {Type}, {Body.Length} bytes" : $"{Failure}: {Reason}";
}
