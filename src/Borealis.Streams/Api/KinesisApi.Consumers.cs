using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Borealis.Streams.Catalog;

namespace Borealis.Streams.Api;

public sealed partial class KinesisApi
{
    /// <summary>https://docs.aws.amazon.com/kinesis/latest/APIReference/API_RegisterStreamConsumer.html — answers CREATING, as Kinesis does; the consumer is ACTIVE (and can subscribe) as soon as this returns.</summary>
    private async Task RegisterStreamConsumerAsync(RequestArgs args, Utf8JsonWriter w, CancellationToken cancellationToken)
    {
        var stream = StreamOfArn(args.RequiredString("StreamARN", 1, 2048));
        var name = ConsumerName(args.RequiredString("ConsumerName", 1, 128));
        var consumer = await service.RegisterConsumerAsync(stream, name, cancellationToken).ConfigureAwait(false);
        w.WriteStartObject();
        w.WriteStartObject("Consumer");
        WriteConsumer(w, stream, consumer, "CREATING");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DeregisterStreamConsumer.html — by ConsumerARN, or StreamARN and ConsumerName.</summary>
    private async Task DeregisterStreamConsumerAsync(RequestArgs args, Utf8JsonWriter w, CancellationToken cancellationToken)
    {
        var (stream, consumer) = FindConsumer(args);
        await service.DeregisterConsumerAsync(stream.Name, consumer.Name, cancellationToken).ConfigureAwait(false);
        w.WriteStartObject();
        w.WriteEndObject();
    }

    /// <summary>https://docs.aws.amazon.com/kinesis/latest/APIReference/API_DescribeStreamConsumer.html</summary>
    private Task DescribeStreamConsumer(RequestArgs args, Utf8JsonWriter w)
    {
        var (stream, consumer) = FindConsumer(args);
        w.WriteStartObject();
        w.WriteStartObject("ConsumerDescription");
        WriteConsumer(w, stream.Name, consumer, "ACTIVE");
        w.WriteString("StreamARN", StreamArn.Of(stream.Name));
        w.WriteEndObject();
        w.WriteEndObject();
        return Task.CompletedTask;
    }

    /// <summary>
    /// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_ListStreamConsumers.html — in
    /// registration order, MaxResults a page; NextToken is the base64 of the last name given.
    /// </summary>
    private Task ListStreamConsumers(RequestArgs args, Utf8JsonWriter w)
    {
        var stream = service.GetStream(StreamOfArn(args.RequiredString("StreamARN", 1, 2048)));
        var limit = args.Int("MaxResults", 1, 10_000) ?? 100;
        IEnumerable<ConsumerDefinition> consumers = stream.Consumers ?? [];
        if (args.String("NextToken", 1, 1048576) is { } token)
        {
            string after;
            try { after = Encoding.UTF8.GetString(Convert.FromBase64String(token)); }
            catch (FormatException) { throw KinesisErrors.InvalidArgument("NextToken is not a token ListStreamConsumers gave."); }
            consumers = consumers.SkipWhile(c => c.Name != after).Skip(1);
        }
        var rest = consumers.ToList();
        w.WriteStartObject();
        w.WriteStartArray("Consumers");
        foreach (var consumer in rest.Take(limit))
        {
            w.WriteStartObject();
            WriteConsumer(w, stream.Name, consumer, "ACTIVE");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (rest.Count > limit) w.WriteString("NextToken", Convert.ToBase64String(Encoding.UTF8.GetBytes(rest[limit - 1].Name)));
        w.WriteEndObject();
        return Task.CompletedTask;
    }

    private static void WriteConsumer(Utf8JsonWriter w, string stream, ConsumerDefinition consumer, string status)
    {
        w.WriteString("ConsumerName", consumer.Name);
        w.WriteString("ConsumerARN", ConsumerArn.Of(stream, consumer));
        w.WriteString("ConsumerStatus", status);
        w.WriteNumber("ConsumerCreationTimestamp", consumer.CreatedUnixMs / 1000.0);
    }

    /// <summary>The stream a StreamARN names (it must exist).</summary>
    private string StreamOfArn(string arn)
    {
        var name = StreamArn.NameOf(arn);
        if (name is null || name.Contains('/', StringComparison.Ordinal)) throw KinesisErrors.InvalidArgument($"StreamARN {arn} is not a stream of this region and account.");
        return service.GetStream(name).Name;
    }

    /// <summary>The consumer a request names: by ConsumerARN (its creation second must match), or by StreamARN and ConsumerName.</summary>
    private (StreamDefinition Stream, ConsumerDefinition Consumer) FindConsumer(RequestArgs args)
    {
        if (args.String("ConsumerARN", 1, 2048) is { } arn)
        {
            if (!ConsumerArn.TryParse(arn, out var streamName, out var consumerName, out var seconds))
                throw KinesisErrors.InvalidArgument($"ConsumerARN {arn} is not a consumer ARN of this region and account.");
            var owner = service.Catalog.Find(streamName) ?? throw KinesisErrors.StreamNotFound(streamName);
            var found = owner.Consumers?.FirstOrDefault(c => c.Name == consumerName && c.CreatedUnixMs / 1000 == seconds)
                ?? throw new KinesisException("ResourceNotFoundException", $"Consumer {arn} not found.");
            return (owner, found);
        }
        if (!args.Has("StreamARN") || !args.Has("ConsumerName"))
            throw KinesisErrors.InvalidArgument("Either ConsumerARN or both StreamARN and ConsumerName must be provided.");
        var stream = service.GetStream(StreamOfArn(args.RequiredString("StreamARN", 1, 2048)));
        var name = ConsumerName(args.RequiredString("ConsumerName", 1, 128));
        var consumer = stream.Consumers?.FirstOrDefault(c => c.Name == name) ?? throw StreamsService.ConsumerNotFound(stream.Name, name);
        return (stream, consumer);
    }

    private static string ConsumerName(string name) =>
        ConsumerNamePattern().IsMatch(name) ? name : throw KinesisErrors.Validation(name, "consumerName", "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");

    [GeneratedRegex("^[a-zA-Z0-9_.-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ConsumerNamePattern();
}
