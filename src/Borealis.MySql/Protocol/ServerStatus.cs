namespace Borealis.MySql.Protocol;

/// <summary>
/// SERVER_STATUS_* bits sent in OK and EOF packets.
/// https://dev.mysql.com/doc/dev/mysql-server/latest/mysql__com_8h.html (enum SERVER_STATUS_flags_enum)
/// </summary>
[Flags]
public enum ServerStatus : ushort
{
    None = 0,
    InTransaction = 1,
    Autocommit = 2,
    MoreResultsExist = 8,
    NoGoodIndexUsed = 0x10,
    NoIndexUsed = 0x20,
    CursorExists = 0x40,
    LastRowSent = 0x80,
    DatabaseDropped = 0x100,
    NoBackslashEscapes = 0x200,
    MetadataChanged = 0x400,
    QueryWasSlow = 0x800,
    PsOutParams = 0x1000,
    InTransactionReadOnly = 0x2000,
    SessionStateChanged = 0x4000,
}
