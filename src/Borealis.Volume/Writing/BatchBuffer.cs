using System.Buffers;
using Borealis.Common;
using Borealis.Redo;
using Borealis.Redo.Wire;

namespace Borealis.Volume.Writing;

/// <summary>
/// The records waiting to be sent to one protection group, laid out as the Append request
/// they will become: the request prefix and batch header are reserved in front, so cutting a
/// batch only fills them in. Pooled.
/// </summary>
internal sealed class BatchBuffer
{
    public const int Reserved = AppendRequest.PrefixSize + RedoBatchHeader.Size;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);

    public int Length { get; private set; } = Reserved;
    public int RecordCount { get; private set; }
    public int RecordBytes => Length - Reserved;

    public Span<byte> Reserve(int length)
    {
        if (Length + length > _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, Length + length));
            _buffer.AsSpan(0, Length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
        return _buffer.AsSpan(Length, length);
    }

    public void Commit(int length)
    {
        Length += length;
        RecordCount++;
    }

    /// <summary>Fills in prefix and header; returns the whole Append request body.</summary>
    public ReadOnlyMemory<byte> Seal(SegmentId segment, Epoch epoch, Lsn prev, Lsn last, Lsn minReadPoint)
    {
        var records = _buffer.AsSpan(Reserved, Length - Reserved);
        AppendRequest.WritePrefix(_buffer, minReadPoint);
        new RedoBatchHeader
        {
            Kind = RedoBatchKind.Redo,
            Length = Length - AppendRequest.PrefixSize,
            Volume = segment.Volume,
            Group = segment.Group,
            RecordCount = RecordCount,
            Epoch = epoch,
            PrevLsn = prev,
            LastLsn = last,
            BodyCrc = Crc32C.Compute(records),
        }.Write(_buffer.AsSpan(AppendRequest.PrefixSize));
        return _buffer.AsMemory(0, Length);
    }

    public void Reset()
    {
        Length = Reserved;
        RecordCount = 0;
        if (_buffer.Length > 8 * 1024 * 1024)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        }
    }
}
