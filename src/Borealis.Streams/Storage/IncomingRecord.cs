namespace Borealis.Streams.Storage;

/// <summary>A record a producer put, before it has a place in the log: slices of the request's decoded bytes, so a put copies each record once, into the log.</summary>
public readonly record struct IncomingRecord(ReadOnlyMemory<byte> PartitionKeyUtf8, ReadOnlyMemory<byte> Data);
