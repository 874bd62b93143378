using System.Net;

namespace Borealis.MySql;

/// <summary>What the protocol layer knows of a connection, handed to the SQL layer.</summary>
public sealed class MySqlSessionContext
{
    public required MySqlConnectionId ConnectionId { get; init; }

    /// <summary>The user name the client logged in with.</summary>
    public required string User { get; init; }

    /// <summary>The client's host as matched against account host patterns.</summary>
    public required string ClientHost { get; init; }

    /// <summary>The matched account (its host pattern is CURRENT_USER()'s host).</summary>
    public required MySqlAccount Account { get; init; }

    public EndPoint? RemoteEndPoint { get; init; }

    /// <summary>The database of the handshake or COM_CHANGE_USER, already applied with InitDbAsync.</summary>
    public string? Database { get; internal set; }

    /// <summary>The client's collation id (character_set_client/connection/results).</summary>
    public required ushort Collation { get; init; }

    public required bool IsTls { get; init; }

    /// <summary>CLIENT_FOUND_ROWS: UPDATE reports matched rather than changed rows.</summary>
    public required bool FoundRows { get; init; }

    /// <summary>CLIENT_MULTI_STATEMENTS, toggled by COM_SET_OPTION.</summary>
    public bool MultiStatements { get; internal set; }

    public bool Interactive { get; init; }

    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>KILL and SHOW PROCESSLIST for the SQL layer.</summary>
    public required IMySqlServerControl Server { get; init; }
}

/// <summary>Server-wide operations a session may ask for (KILL, SHOW PROCESSLIST).</summary>
public interface IMySqlServerControl
{
    /// <summary>
    /// KILL [QUERY|CONNECTION] id on behalf of <paramref name="requester"/>: 1094 if there is no
    /// such connection, 1095 if it belongs to another user and <paramref name="mayKillOthers"/> is false.
    /// </summary>
    void Kill(MySqlConnectionId connectionId, bool queryOnly, MySqlSessionContext requester, bool mayKillOthers);

    /// <summary>Open connections: id, user, host, database, command, seconds in state.</summary>
    IReadOnlyList<MySqlProcessInfo> Processes();
}

public readonly record struct MySqlProcessInfo(MySqlConnectionId ConnectionId, string User, string Host, string? Database, string Command, int Seconds);
