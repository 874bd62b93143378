using System.Buffers.Binary;
using Borealis.Common;

namespace Borealis.Redo;

/// <summary>
/// The one redo-apply function. Storage nodes materializing pages and read replicas
/// following the redo stream both call it, so a page rebuilt either way is byte-identical.
/// </summary>
public static class RedoApply
{
    /// <summary>
    /// Applies <paramref name="record"/> to <paramref name="page"/> if the page has not seen it
    /// yet (its LSN is older); returns false for a record already reflected in the page.
    /// </summary>
    public static bool Apply(Span<byte> page, RedoRecord record)
    {
        if (page.Length != PageFrame.PageSize) throw new ArgumentException("a page is exactly PageSize bytes", nameof(page));
        if (record.Lsn <= PageFrame.GetLsn(page)) return false;
        if (record.Type != RedoRecordType.Marker && PageFrame.GetPageId(page) != record.Page)
            throw new InvalidDataException($"redo record {record.Lsn} is for page {record.Page}, applied to page {PageFrame.GetPageId(page)}");
        switch (record.Type)
        {
            case RedoRecordType.PageImage:
                if (record.Payload.Length != PageFrame.PageSize) throw new InvalidDataException($"page image record {record.Lsn} has {record.Payload.Length} bytes");
                record.Payload.CopyTo(page);
                break;
            case RedoRecordType.WriteBytes:
                var payload = record.Payload;
                if (payload.Length < 2) throw new InvalidDataException($"write record {record.Lsn} has no offset");
                var offset = BinaryPrimitives.ReadUInt16LittleEndian(payload);
                var data = payload[2..];
                if (offset < PageFrame.HeaderSize || offset + data.Length > PageFrame.PageSize)
                    throw new InvalidDataException($"write record {record.Lsn} writes {data.Length} bytes at {offset}, outside the page body");
                data.CopyTo(page[offset..]);
                break;
            case RedoRecordType.Marker:
                return false;
            default:
                throw new InvalidDataException($"redo record {record.Lsn} has unknown type {(byte)record.Type}");
        }
        PageFrame.SetLsn(page, record.Lsn);
        return true;
    }

    /// <summary>True when a record of this type changes a page (and so belongs to that page's group).</summary>
    public static bool ChangesPage(RedoRecordType type) => type != RedoRecordType.Marker;
}
