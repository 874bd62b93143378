using System.Globalization;

namespace Borealis.MySql;

/// <summary>
/// A connection's id: sent in the handshake, returned by CONNECTION_ID(), named by KILL and
/// SHOW PROCESSLIST. 32 bits on the wire (HandshakeV10, COM_PROCESS_KILL); never 0.
/// </summary>
public readonly record struct MySqlConnectionId(uint Value)
{
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
