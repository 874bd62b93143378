using System.Text.Json;

namespace Borealis.Streams.Api;

public sealed partial class KinesisApi
{
    /// <summary>https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DeleteStream.html — the stream is gone when this returns.</summary>
    private async Task DeleteStreamAsync(RequestArgs args, Utf8JsonWriter output, CancellationToken cancellationToken)
    {
        await service.DeleteStreamAsync(args.StreamName(), cancellationToken).ConfigureAwait(false);
        output.WriteStartObject();
        output.WriteEndObject();
    }
}
