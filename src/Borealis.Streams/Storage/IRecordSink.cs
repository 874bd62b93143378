namespace Borealis.Streams.Storage;

/// <summary>
/// Takes the records a read finds, one at a time, as slices of the page (or of a scratch buffer
/// for a record that spans pages) valid only during the call: GetRecords writes them straight
/// into its response, so reading allocates nothing per record.
/// </summary>
public interface IRecordSink
{
    void Accept(ulong position, long arrivalUnixMs, ReadOnlySpan<byte> partitionKeyUtf8, ReadOnlySpan<byte> data);
}
