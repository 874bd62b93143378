namespace Borealis.Redo.Wire;

/// <summary>Message types of the fleet protocol (frames between volume clients and storage nodes, and between nodes). Persisted on the wire.</summary>
public enum StorageMessageType : ushort
{
    Append = 1,
    ReadPage = 2,
    Status = 3,
    Truncate = 4,
    Fetch = 5,
    OpenSegment = 6,
    DropSegment = 7,
    Scrub = 8,
    Reply = 128,
}

/// <summary>Outcome of a request, carried in every reply.</summary>
public enum ReplyStatus : byte
{
    Ok = 0,
    /// <summary>The sender's volume epoch is older than the segment's: a newer writer owns the volume.</summary>
    StaleEpoch = 1,
    /// <summary>The segment is not complete up to the requested read point.</summary>
    NotComplete = 2,
    UnknownSegment = 3,
    BadRequest = 4,
    Corrupt = 5,
    /// <summary>The requested redo was garbage-collected; the page images hold it now.</summary>
    GarbageCollected = 6,
    /// <summary>A read point below the segment's materialized images.</summary>
    ReadPointTooOld = 7,
    Internal = 8,
    /// <summary>The transport could not deliver the request or its reply (never sent by a node).</summary>
    Unreachable = 9,
    /// <summary>The batch's epoch is newer than the segment's: send the Truncate of that epoch first.</summary>
    EpochBehind = 10,
}
