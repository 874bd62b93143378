using Borealis.Streams.Api;
using Borealis.Streams.Catalog;

namespace Borealis.Streams;

public sealed partial class StreamsService
{
    /// <summary>Enhanced fan-out consumers a stream may have, Kinesis's default quota.</summary>
    public const int MaxConsumers = 20;

    /// <summary>RegisterStreamConsumer: durable before it returns; ResourceInUseException for a name taken, LimitExceededException past 20.</summary>
    public async Task<ConsumerDefinition> RegisterConsumerAsync(string streamName, string consumerName, CancellationToken cancellationToken = default)
    {
        var consumer = new ConsumerDefinition(consumerName, Clock.GetUtcNow().ToUnixTimeMilliseconds());
        await ChangeStreamAsync(streamName, stream =>
        {
            var consumers = stream.Consumers ?? [];
            if (consumers.Any(c => c.Name == consumerName))
                throw new KinesisException("ResourceInUseException", $"Consumer {consumerName} under stream {streamName} already exists for account {KinesisErrors.Account}.");
            if (consumers.Count >= MaxConsumers)
                throw KinesisErrors.LimitExceeded($"Stream {streamName} under account {KinesisErrors.Account} already has the maximum of {MaxConsumers} registered consumers.");
            return stream with { Consumers = [.. consumers, consumer] };
        }, cancellationToken).ConfigureAwait(false);
        return consumer;
    }

    /// <summary>DeregisterStreamConsumer: the consumer is gone when this returns (its subscriptions see that at their next event and end).</summary>
    public async Task DeregisterConsumerAsync(string streamName, string consumerName, CancellationToken cancellationToken = default)
    {
        await ChangeStreamAsync(streamName, stream =>
        {
            if (stream.Consumers?.Any(c => c.Name == consumerName) != true) throw ConsumerNotFound(streamName, consumerName);
            var kept = stream.Consumers.Where(c => c.Name != consumerName).ToList();
            return stream with { Consumers = kept.Count == 0 ? null : kept };
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How long a SubscribeToShard stream lasts (<see cref="StreamsOptions.SubscriptionLifetime"/>).</summary>
    public TimeSpan SubscriptionLifetime => _options.SubscriptionLifetime;

    public static KinesisException ConsumerNotFound(string streamName, string consumerName) =>
        new("ResourceNotFoundException", $"Consumer {consumerName} under stream {streamName} not found for account {KinesisErrors.Account}.");
}
