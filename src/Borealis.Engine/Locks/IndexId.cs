using System.Globalization;

namespace Borealis.Engine.Locks;

/// <summary>An index (clustered or secondary) whose records are locked by key.</summary>
public readonly record struct IndexId(uint Value)
{
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
