using System.Buffers.Binary;
using Borealis.Common;
using Borealis.Redo;
using Borealis.Redo.Wire;
using Borealis.Streams.Storage;
using Borealis.Volume;
using Borealis.Volume.Metadata;
using Borealis.Volume.Writing;
using Microsoft.Extensions.Logging;

namespace Borealis.Streams.Catalog;

/// <summary>
/// The catalog's home on the fleet: a small volume of its own (3 copies, one per zone, like a
/// shard) holding one document. Every save writes the whole document as page images over pages
/// 1, 2, ... and the header in page 0, in one mini-transaction, so a crash leaves either the
/// old document or the new one. Header body layout (little-endian):
/// <code>
///  0  u32 magic "BSC1"
///  4  u32 document length in bytes
///  8  u32 crc32c of the document
/// </code>
/// A page 0 without the magic means no document yet.
/// </summary>
public sealed class CatalogVolume : IAsyncDisposable
{
    public const uint Magic = 0x31435342; // "BSC1"
    /// <summary>The catalog volume's id: "ST" in the high bytes like the shards', and below all of them.</summary>
    public static readonly VolumeId Id = new(0x5354_0000_0000_0000);
    /// <summary>A catalog of thousands of streams fits many times over; the limit keeps one save one modest MTR.</summary>
    public const int MaxDocumentBytes = 8 * 1024 * 1024;
    private const long SegmentBytes = 64L * 1024 * 1024;

    private readonly Volume.Volume _volume;

    private CatalogVolume(Volume.Volume volume) => _volume = volume;

    public static async Task<CatalogVolume> OpenAsync(IReadOnlyList<NodeAddress> fleet, IClusterMetadata metadata, IStorageTransport transport, VolumeOptions options, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        Volume.Volume volume;
        if (await metadata.GetVolumeAsync(Id, cancellationToken).ConfigureAwait(false) is null)
        {
            var geometry = new VolumeGeometry(Id, SegmentBytes, 1, [new PgMembership(0, ShardPlacement.Choose(fleet, 0), null)], Epoch.Zero);
            volume = await Volume.Volume.CreateAsync(geometry, metadata, transport, options, log, cancellationToken).ConfigureAwait(false);
        }
        else volume = await Volume.Volume.OpenAsync(Id, metadata, transport, options, log, cancellationToken).ConfigureAwait(false);
        return new CatalogVolume(volume);
    }

    /// <summary>The stored document, or null if none was ever saved.</summary>
    public async Task<byte[]?> ReadAsync(CancellationToken cancellationToken)
    {
        var page = new byte[PageFrame.PageSize];
        await _volume.ReadPageAsync(new PageId(0), page, cancellationToken: cancellationToken).ConfigureAwait(false);
        var header = page.AsSpan(PageFrame.HeaderSize);
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic) return null;
        var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        var crc = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        if (length > MaxDocumentBytes) throw new InvalidDataException($"catalog volume header claims {length} bytes");
        var document = new byte[length];
        for (var done = 0; done < length; done += PageFrame.BodySize)
        {
            await _volume.ReadPageAsync(LogAddress.PageOf((ulong)done), page, cancellationToken: cancellationToken).ConfigureAwait(false);
            page.AsSpan(PageFrame.HeaderSize, Math.Min(PageFrame.BodySize, length - done)).CopyTo(document.AsSpan(done));
        }
        if (Crc32C.Compute(document) != crc) throw new InvalidDataException("the catalog document fails its CRC");
        return document;
    }

    /// <summary>Replaces the document; returns once it is durable (2 of 3 copies).</summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> document, CancellationToken cancellationToken)
    {
        if (document.Length > MaxDocumentBytes) throw new InvalidOperationException($"the stream catalog would take {document.Length} bytes; at most {MaxDocumentBytes} are kept");
        using var mtr = new MiniTransaction();
        var image = new byte[PageFrame.PageSize];
        for (var done = 0; done < document.Length; done += PageFrame.BodySize)
        {
            var page = LogAddress.PageOf((ulong)done);
            PageFrame.InitializeEmpty(image, page);
            document.Span.Slice(done, Math.Min(PageFrame.BodySize, document.Length - done)).CopyTo(image.AsSpan(PageFrame.HeaderSize));
            PageFrame.Seal(image);
            mtr.PageImage(page, image);
        }
        var header = new byte[12];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)document.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), Crc32C.Compute(document.Span));
        mtr.WriteBytes(new PageId(0), PageFrame.HeaderSize, header);
        await _volume.CommitAsync(mtr, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _volume.DisposeAsync();
}
