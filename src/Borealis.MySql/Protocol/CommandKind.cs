namespace Borealis.MySql.Protocol;

/// <summary>
/// The first byte of every command-phase packet.
/// https://dev.mysql.com/doc/dev/mysql-server/latest/my__command_8h.html
/// </summary>
public enum CommandKind : byte
{
    Sleep = 0,
    Quit = 1,
    InitDb = 2,
    Query = 3,
    FieldList = 4,
    CreateDb = 5,
    DropDb = 6,
    Refresh = 7,
    Shutdown = 8,
    Statistics = 9,
    ProcessInfo = 10,
    Connect = 11,
    ProcessKill = 12,
    Debug = 13,
    Ping = 14,
    Time = 15,
    DelayedInsert = 16,
    ChangeUser = 17,
    BinlogDump = 18,
    TableDump = 19,
    ConnectOut = 20,
    RegisterSlave = 21,
    StmtPrepare = 22,
    StmtExecute = 23,
    StmtSendLongData = 24,
    StmtClose = 25,
    StmtReset = 26,
    SetOption = 27,
    StmtFetch = 28,
    Daemon = 29,
    BinlogDumpGtid = 30,
    ResetConnection = 31,
}
