namespace Borealis.Streams.Api;

/// <summary>The errors Kinesis answers with, worded as AWS words them.</summary>
public static class KinesisErrors
{
    /// <summary>The account every embedded stream belongs to, as Kinesis names one in ARNs and messages.</summary>
    public const string Account = "000000000000";
    public const string Region = "us-east-1";

    public static KinesisException StreamNotFound(string name) =>
        new("ResourceNotFoundException", $"Stream {name} under account {Account} not found.");

    public static KinesisException StreamExists(string name) =>
        new("ResourceInUseException", $"Stream {name} under account {Account} already exists.");

    public static KinesisException ShardNotFound(string shard, string stream) =>
        new("ResourceNotFoundException", $"Shard {shard} in stream {stream} under account {Account} does not exist");

    /// <summary>A shard over its rate (PutRecord's wording; PutRecords puts the same in each refused record's ErrorMessage).</summary>
    public static string PutRateExceeded(string shard, string stream) =>
        $"Rate exceeded for shard {shard} in stream {stream} under account {Account}.";

    public static KinesisException ReadRateExceeded(string shard, string stream) =>
        new("ProvisionedThroughputExceededException", $"Rate exceeded for Shard - {shard} in stream {stream} under account {Account}.");

    public static KinesisException InvalidArgument(string message) => new("InvalidArgumentException", message);

    /// <summary>A value breaks the operation's schema: AWS's "1 validation error detected" form.</summary>
    public static KinesisException Validation(string value, string member, string constraint) =>
        new("ValidationException", $"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: {constraint}");

    public static KinesisException LimitExceeded(string message) => new("LimitExceededException", message);

    public static KinesisException Serialization(string message) => new("SerializationException", message);

    public static KinesisException NotBuilt(string operation) =>
        new("UnknownOperationException", $"Borealis Streams does not implement {operation} yet (see docs/streams.md for the operations it serves).");

    public static KinesisException UnknownOperation(string target) =>
        new("UnknownOperationException", $"Unknown operation '{target}'.");
}
