using System.Text.Json;

namespace Borealis.Streams.Api;

public sealed partial class KinesisApi
{
    /// <summary>
    /// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DeleteStream.html — the stream is
    /// gone when this returns. A stream with registered consumers is deleted only with
    /// EnforceConsumerDeletion, as in Kinesis; its consumers go with it.
    /// </summary>
    private async Task DeleteStreamAsync(RequestArgs args, Utf8JsonWriter output, CancellationToken cancellationToken)
    {
        var name = args.StreamName();
        var enforce = args.Has("EnforceConsumerDeletion") && args.Root.GetProperty("EnforceConsumerDeletion").ValueKind == JsonValueKind.True;
        if (!enforce && service.GetStream(name).Consumers is { Count: > 0 } consumers)
            throw new KinesisException("ResourceInUseException", $"Stream {name} under account {KinesisErrors.Account} has {consumers.Count} registered consumers; set EnforceConsumerDeletion to delete it with them.");
        await service.DeleteStreamAsync(name, cancellationToken).ConfigureAwait(false);
        output.WriteStartObject();
        output.WriteEndObject();
    }
}
