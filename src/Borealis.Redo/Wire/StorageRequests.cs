using System.Buffers.Binary;
using System.Text;
using Borealis.Common;

namespace Borealis.Redo.Wire;

/// <summary>Append: u64 minimum read point of the group, then one RedoBatch.</summary>
public static class AppendRequest
{
    public const int PrefixSize = 8;
    public static void WritePrefix(Span<byte> dest, Lsn minReadPoint) => BinaryPrimitives.WriteUInt64LittleEndian(dest, minReadPoint.Value);
    public static Lsn ReadMinReadPoint(ReadOnlySpan<byte> body) => new(BinaryPrimitives.ReadUInt64LittleEndian(body));
}

/// <summary>The addressing prefix shared by segment-level requests: u64 volume, u32 group, u32 argument.</summary>
public readonly record struct SegmentAddress(SegmentId Segment, uint Argument = 0)
{
    public const int Size = 16;

    public void Write(Span<byte> dest)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(dest, Segment.Volume.Value);
        BinaryPrimitives.WriteUInt32LittleEndian(dest[8..], Segment.Group.Value);
        BinaryPrimitives.WriteUInt32LittleEndian(dest[12..], Argument);
    }

    public static bool TryRead(ReadOnlySpan<byte> source, out SegmentAddress address)
    {
        address = default;
        if (source.Length < Size) return false;
        address = new SegmentAddress(
            new SegmentId(new VolumeId(BinaryPrimitives.ReadUInt64LittleEndian(source)), new ProtectionGroupId(BinaryPrimitives.ReadUInt32LittleEndian(source[8..]))),
            BinaryPrimitives.ReadUInt32LittleEndian(source[12..]));
        return true;
    }
}

/// <summary>ReadPage: segment address, u64 page, u64 read point. Reply payload: the sealed page.</summary>
public readonly record struct ReadPageRequest(SegmentId Segment, PageId Page, Lsn ReadPoint)
{
    public const int Size = SegmentAddress.Size + 16;

    public void Write(Span<byte> dest)
    {
        new SegmentAddress(Segment).Write(dest);
        BinaryPrimitives.WriteUInt64LittleEndian(dest[16..], Page.Value);
        BinaryPrimitives.WriteUInt64LittleEndian(dest[24..], ReadPoint.Value);
    }

    public static bool TryRead(ReadOnlySpan<byte> source, out ReadPageRequest request)
    {
        request = default;
        if (source.Length != Size || !SegmentAddress.TryRead(source, out var a)) return false;
        request = new ReadPageRequest(a.Segment, new PageId(BinaryPrimitives.ReadUInt64LittleEndian(source[16..])), new Lsn(BinaryPrimitives.ReadUInt64LittleEndian(source[24..])));
        return true;
    }
}

/// <summary>
/// Truncate: segment address with the number of truncations, then each as u64 epoch, u64
/// keep-through LSN. The segment adopts the newest epoch and, for each truncation, discards
/// records from older epochs above its keep-through point. The whole history travels so a
/// segment that missed earlier writers' truncations learns them too.
/// </summary>
public readonly record struct TruncateRequest(SegmentId Segment, TruncationHistory History)
{
    public byte[] ToArray()
    {
        var buffer = new byte[SegmentAddress.Size + History.EncodedLength];
        new SegmentAddress(Segment, (uint)History.Count).Write(buffer);
        History.Write(buffer.AsSpan(SegmentAddress.Size));
        return buffer;
    }

    public static bool TryRead(ReadOnlySpan<byte> source, out TruncateRequest request)
    {
        request = default;
        if (!SegmentAddress.TryRead(source, out var a) || a.Argument is 0 or > TruncationHistory.MaxCount) return false;
        if (!TruncationHistory.TryRead(source[SegmentAddress.Size..], (int)a.Argument, out var history, out var used) || SegmentAddress.Size + used != source.Length) return false;
        request = new TruncateRequest(a.Segment, history);
        return true;
    }
}

/// <summary>Fetch (gossip): segment address with max bytes as argument, u64 after-LSN. Reply payload: whole batches continuing the chain from after-LSN.</summary>
public readonly record struct FetchRequest(SegmentId Segment, Lsn After, int MaxBytes)
{
    public const int Size = SegmentAddress.Size + 8;

    public void Write(Span<byte> dest)
    {
        new SegmentAddress(Segment, (uint)MaxBytes).Write(dest);
        BinaryPrimitives.WriteUInt64LittleEndian(dest[16..], After.Value);
    }

    public static bool TryRead(ReadOnlySpan<byte> source, out FetchRequest request)
    {
        request = default;
        if (source.Length != Size || !SegmentAddress.TryRead(source, out var a)) return false;
        request = new FetchRequest(a.Segment, new Lsn(BinaryPrimitives.ReadUInt64LittleEndian(source[16..])), (int)Math.Min(a.Argument, (uint)RedoBatchHeader.MaxLength));
        return true;
    }
}

/// <summary>
/// OpenSegment: creates a segment (or updates its peers). Address with peer count, u64 epoch,
/// u64 pages per group, then each member of the group as u16 length + UTF-8 "host:port@zone".
/// </summary>
public readonly record struct OpenSegmentRequest(SegmentId Segment, Epoch Epoch, ulong PagesPerGroup, IReadOnlyList<NodeAddress> Members)
{
    private const int FixedSize = SegmentAddress.Size + 16;

    public byte[] ToArray()
    {
        var members = Members.Select(p => Encoding.UTF8.GetBytes(p.ToString())).ToArray();
        var buffer = new byte[FixedSize + members.Sum(p => 2 + p.Length)];
        new SegmentAddress(Segment, (uint)members.Length).Write(buffer);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(16), Epoch.Value);
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(24), PagesPerGroup);
        var at = FixedSize;
        foreach (var p in members)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(at), (ushort)p.Length);
            p.CopyTo(buffer.AsSpan(at + 2));
            at += 2 + p.Length;
        }
        return buffer;
    }

    public static bool TryRead(ReadOnlySpan<byte> source, out OpenSegmentRequest request)
    {
        request = default;
        if (source.Length < FixedSize || !SegmentAddress.TryRead(source, out var a) || a.Argument > 64) return false;
        var epoch = new Epoch(BinaryPrimitives.ReadUInt64LittleEndian(source[16..]));
        var pages = BinaryPrimitives.ReadUInt64LittleEndian(source[24..]);
        if (pages == 0) return false;
        var rest = source[FixedSize..];
        var members = new List<NodeAddress>((int)a.Argument);
        for (var i = 0; i < a.Argument; i++)
        {
            if (rest.Length < 2) return false;
            var len = BinaryPrimitives.ReadUInt16LittleEndian(rest);
            if (rest.Length < 2 + len) return false;
            try { members.Add(NodeAddress.Parse(Encoding.UTF8.GetString(rest.Slice(2, len)))); }
            catch (FormatException) { return false; }
            rest = rest[(2 + len)..];
        }
        if (!rest.IsEmpty) return false;
        request = new OpenSegmentRequest(a.Segment, epoch, pages, members);
        return true;
    }
}

/// <summary>
/// Status reply payload: what a segment holds, for recovery and gossip: u64 highest LSN
/// received, u64 materialized checkpoint, u64 first LSN still in the log, u32 truncation count,
/// then the truncation history.
/// </summary>
public readonly record struct SegmentStatus(Lsn HighestReceived, Lsn Checkpoint, Lsn LogStart, TruncationHistory History)
{
    public byte[] ToArray()
    {
        var b = new byte[28 + History.EncodedLength];
        BinaryPrimitives.WriteUInt64LittleEndian(b, HighestReceived.Value);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(8), Checkpoint.Value);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(16), LogStart.Value);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(24), History.Count);
        History.Write(b.AsSpan(28));
        return b;
    }

    public static bool TryRead(ReadOnlySpan<byte> source, out SegmentStatus status)
    {
        status = default;
        if (source.Length < 28) return false;
        var count = BinaryPrimitives.ReadInt32LittleEndian(source[24..]);
        if (count is < 0 or > TruncationHistory.MaxCount || !TruncationHistory.TryRead(source[28..], count, out var history, out _)) return false;
        status = new SegmentStatus(new Lsn(BinaryPrimitives.ReadUInt64LittleEndian(source)), new Lsn(BinaryPrimitives.ReadUInt64LittleEndian(source[8..])),
            new Lsn(BinaryPrimitives.ReadUInt64LittleEndian(source[16..])), history);
        return true;
    }
}

/// <summary>Scrub reply payload: entries and pages checked, found corrupt, repaired.</summary>
public readonly record struct ScrubReport(int Checked, int Corrupt, int Repaired)
{
    public byte[] ToArray()
    {
        var b = new byte[12];
        BinaryPrimitives.WriteInt32LittleEndian(b, Checked);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(4), Corrupt);
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(8), Repaired);
        return b;
    }

    public static bool TryRead(ReadOnlySpan<byte> source, out ScrubReport report)
    {
        report = default;
        if (source.Length < 12) return false;
        report = new ScrubReport(BinaryPrimitives.ReadInt32LittleEndian(source), BinaryPrimitives.ReadInt32LittleEndian(source[4..]), BinaryPrimitives.ReadInt32LittleEndian(source[8..]));
        return true;
    }
}
