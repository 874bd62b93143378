namespace Borealis.Engine.Transactions;

/// <summary>Names one B+tree of the database in its index directory.</summary>
public readonly record struct IndexId(uint Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
