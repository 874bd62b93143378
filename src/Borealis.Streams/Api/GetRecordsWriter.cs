using System.Text.Json;
using Borealis.Streams.Model;
using Borealis.Streams.Storage;

namespace Borealis.Streams.Api;

/// <summary>Writes each record a read finds straight into the GetRecords response: no per-record objects or strings.</summary>
internal readonly struct GetRecordsWriter(Utf8JsonWriter writer, ShardId shard) : IRecordSink
{
    public void Accept(ulong position, long arrivalUnixMs, ReadOnlySpan<byte> partitionKeyUtf8, ReadOnlySpan<byte> data)
    {
        Span<byte> sequence = stackalloc byte[SequenceNumber.Utf8Length];
        new SequenceNumber(shard, position).Format(sequence);
        writer.WriteStartObject();
        writer.WriteString("SequenceNumber"u8, sequence);
        writer.WriteNumber("ApproximateArrivalTimestamp"u8, arrivalUnixMs / 1000.0);
        writer.WriteBase64String("Data"u8, data);
        writer.WriteString("PartitionKey"u8, partitionKeyUtf8);
        writer.WriteEndObject();
    }
}
