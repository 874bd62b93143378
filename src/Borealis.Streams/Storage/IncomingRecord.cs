namespace Borealis.Streams.Storage;

/// <summary>A record a producer put, before it has a place in the log.</summary>
public readonly record struct IncomingRecord(string PartitionKey, byte[] Data);
