using System.Globalization;

namespace Borealis.Engine.Locks;

/// <summary>A table, the target of intention and table locks.</summary>
public readonly record struct TableId(uint Value)
{
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
