using System.Net;
using Microsoft.Extensions.Logging;

namespace Borealis.MySql;

/// <summary>Log messages of the MySQL protocol layer, source-generated so disabled levels cost nothing.</summary>
internal static partial class MySqlLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "MySQL protocol listening on {EndPoint}")]
    public static partial void Listening(ILogger logger, EndPoint endPoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MySQL accept failed on {EndPoint}")]
    public static partial void AcceptFailed(ILogger logger, EndPoint endPoint, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "MySQL connection {ConnectionId} from {Remote} closed: {Reason}")]
    public static partial void ConnectionClosed(ILogger logger, MySqlConnectionId connectionId, EndPoint? remote, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "MySQL connection {ConnectionId} from {Remote}: access denied for '{User}'")]
    public static partial void AccessDenied(ILogger logger, MySqlConnectionId connectionId, EndPoint? remote, string user);

    [LoggerMessage(Level = LogLevel.Error, Message = "MySQL connection {ConnectionId}: the session failed on {Command}; answered with an internal error")]
    public static partial void SessionFailed(ILogger logger, MySqlConnectionId connectionId, string command, Exception exception);

    [LoggerMessage(Level = LogLevel.Trace, Message = "MySQL connection {ConnectionId}: {Command} ({Length} bytes)")]
    public static partial void Command(ILogger logger, MySqlConnectionId connectionId, Protocol.CommandKind command, int length);

    [LoggerMessage(Level = LogLevel.Debug, Message = "MySQL connection {ConnectionId}: '{User}' authenticated by {Path}")]
    public static partial void Authenticated(ILogger logger, MySqlConnectionId connectionId, string user, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "MySQL connection {ConnectionId} failed; closing it")]
    public static partial void ConnectionFailed(ILogger logger, MySqlConnectionId connectionId, Exception exception);
}
