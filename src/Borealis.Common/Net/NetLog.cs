using System.Net;
using Microsoft.Extensions.Logging;

namespace Borealis.Common.Net;

/// <summary>Log messages of the framed TCP layer, source-generated so logging costs nothing when disabled.</summary>
internal static partial class NetLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Listening on {EndPoint}")]
    public static partial void Listening(ILogger logger, EndPoint endPoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing connection from {Remote}: {Reason}")]
    public static partial void ClosingServerConnection(ILogger logger, EndPoint? remote, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Frame handler failed on connection from {Remote}; closing it")]
    public static partial void HandlerFailed(ILogger logger, EndPoint? remote, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Accept failed on {EndPoint}")]
    public static partial void AcceptFailed(ILogger logger, EndPoint endPoint, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection to {Remote} failed: {Reason}")]
    public static partial void ClientConnectionFailed(ILogger logger, EndPoint remote, string reason);
}
