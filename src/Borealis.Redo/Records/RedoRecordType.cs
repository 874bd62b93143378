namespace Borealis.Redo;

/// <summary>Redo record types. Persisted: values never change meaning.</summary>
public enum RedoRecordType : byte
{
    /// <summary>A full page image (PageFrame.PageSize bytes) replacing the page.</summary>
    PageImage = 1,
    /// <summary>Bytes written at an offset inside the page: payload is u16 offset, then the bytes.</summary>
    WriteBytes = 2,
    /// <summary>A record that changes no page (a transaction's commit, a marker); routed to group 0.</summary>
    Marker = 3,
}

[Flags]
public enum RedoRecordFlags : byte
{
    None = 0,
    /// <summary>Consistency point: the last record of a mini-transaction.</summary>
    ConsistencyPoint = 1,
}
