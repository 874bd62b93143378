using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Borealis.Common;

namespace Borealis.Redo.Wire;

/// <summary>
/// A reply: status, the segment's SCL and epoch (every reply carries them, so a volume client
/// learns a segment's progress from any exchange), and a type-specific payload.
/// Layout: u8 status, 3 bytes 0, u32 0, u64 SCL, u64 epoch, payload.
/// The payload may live in a pooled buffer: dispose the reply when done with it.
/// </summary>
public readonly struct StorageReply : IDisposable
{
    public const int HeaderSize = 24;

    private readonly IMemoryOwner<byte>? _owner;

    public StorageReply(ReplyStatus status, Lsn scl, Epoch epoch, ReadOnlyMemory<byte> payload = default, IMemoryOwner<byte>? owner = null)
    {
        Status = status;
        Scl = scl;
        Epoch = epoch;
        Payload = payload;
        _owner = owner;
    }

    public ReplyStatus Status { get; }
    public Lsn Scl { get; }
    public Epoch Epoch { get; }
    public ReadOnlyMemory<byte> Payload { get; }

    public bool IsOk => Status == ReplyStatus.Ok;

    /// <summary>The error text a node sent with a failed status.</summary>
    public string Message => Status == ReplyStatus.Ok ? "" : Encoding.UTF8.GetString(Payload.Span);

    public static StorageReply Error(ReplyStatus status, Lsn scl, Epoch epoch, string message) =>
        new(status, scl, epoch, Encoding.UTF8.GetBytes(message));

    public static StorageReply Unreachable(string message) => Error(ReplyStatus.Unreachable, Lsn.Zero, Epoch.Zero, message);

    public int EncodedLength => HeaderSize + Payload.Length;

    public void Write(Span<byte> dest)
    {
        dest[..8].Clear();
        dest[0] = (byte)Status;
        BinaryPrimitives.WriteUInt64LittleEndian(dest[8..], Scl.Value);
        BinaryPrimitives.WriteUInt64LittleEndian(dest[16..], Epoch.Value);
        Payload.Span.CopyTo(dest[HeaderSize..]);
    }

    /// <summary>Reads a reply whose payload stays in <paramref name="source"/> (owned by <paramref name="owner"/>).</summary>
    public static bool TryRead(ReadOnlyMemory<byte> source, IMemoryOwner<byte>? owner, out StorageReply reply)
    {
        reply = default;
        var span = source.Span;
        if (span.Length < HeaderSize || span[0] > (byte)ReplyStatus.EpochBehind) return false;
        reply = new StorageReply((ReplyStatus)span[0],
            new Lsn(BinaryPrimitives.ReadUInt64LittleEndian(span[8..])),
            new Epoch(BinaryPrimitives.ReadUInt64LittleEndian(span[16..])),
            source[HeaderSize..], owner);
        return true;
    }

    public void Dispose() => _owner?.Dispose();

    public override string ToString() => IsOk ? $"Ok scl={Scl} epoch={Epoch}" : $"{Status} scl={Scl} epoch={Epoch}: {Message}";
}
