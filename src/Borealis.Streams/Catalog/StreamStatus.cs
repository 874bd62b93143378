namespace Borealis.Streams.Catalog;

/// <summary>Stream statuses as Kinesis spells them (persisted in the catalog).</summary>
public static class StreamStatus
{
    public const string Creating = "CREATING";
    public const string Active = "ACTIVE";
    public const string Deleting = "DELETING";
}
