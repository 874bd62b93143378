using System.Buffers;
using System.Buffers.Binary;
using Borealis.Common;
using Borealis.Redo;

namespace Borealis.Volume.Writing;

/// <summary>
/// A mini-transaction: the redo records of one atomic change, submitted together. The volume
/// gives them consecutive LSNs and marks the last one as a consistency point, so a recovered
/// volume never ends in the middle of one. Reusable: <see cref="Clear"/> between uses.
/// </summary>
public sealed class MiniTransaction : IDisposable
{
    private byte[] _payloads = ArrayPool<byte>.Shared.Rent(4096);
    private int _used;
    private readonly List<Entry> _entries = [];

    internal readonly record struct Entry(PageId Page, RedoRecordType Type, int Offset, int Length);

    internal IReadOnlyList<Entry> Entries => _entries;
    internal ReadOnlySpan<byte> Payload(Entry e) => _payloads.AsSpan(e.Offset, e.Length);

    public int Count => _entries.Count;

    /// <summary>Bytes these records take encoded.</summary>
    public int EncodedLength => _used + _entries.Count * RedoRecord.HeaderSize;

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/> of a page.</summary>
    public void WriteBytes(PageId page, int offset, ReadOnlySpan<byte> data)
    {
        if (offset < PageFrame.HeaderSize || offset + data.Length > PageFrame.PageSize)
            throw new ArgumentOutOfRangeException(nameof(offset), $"{data.Length} bytes at {offset} fall outside the page body");
        var dest = Reserve(2 + data.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(dest, (ushort)offset);
        data.CopyTo(dest[2..]);
        _entries.Add(new Entry(page, RedoRecordType.WriteBytes, _used - dest.Length, dest.Length));
    }

    /// <summary>Replaces a whole page with an image.</summary>
    public void PageImage(PageId page, ReadOnlySpan<byte> image)
    {
        if (image.Length != PageFrame.PageSize) throw new ArgumentException("a page image is exactly one page", nameof(image));
        var dest = Reserve(image.Length);
        image.CopyTo(dest);
        _entries.Add(new Entry(page, RedoRecordType.PageImage, _used - dest.Length, dest.Length));
    }

    /// <summary>A record that changes no page (a commit record, for instance).</summary>
    public void Marker(ReadOnlySpan<byte> payload)
    {
        var dest = Reserve(payload.Length);
        payload.CopyTo(dest);
        _entries.Add(new Entry(default, RedoRecordType.Marker, _used - dest.Length, dest.Length));
    }

    public void Clear()
    {
        _entries.Clear();
        _used = 0;
    }

    private Span<byte> Reserve(int length)
    {
        if (_used + length > _payloads.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_payloads.Length * 2, _used + length));
            _payloads.AsSpan(0, _used).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_payloads);
            _payloads = bigger;
        }
        var span = _payloads.AsSpan(_used, length);
        _used += length;
        return span;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_payloads);
        _payloads = [];
    }
}
