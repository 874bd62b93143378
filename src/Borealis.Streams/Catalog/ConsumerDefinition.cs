namespace Borealis.Streams.Catalog;

/// <summary>
/// An enhanced fan-out consumer of a stream (RegisterStreamConsumer), kept in its stream's
/// definition so it survives restarts. Persisted as JSON (see <see cref="StreamCatalog"/>): rename nothing.
/// Its ARN ends with the creation time in epoch seconds, so a consumer registered again under the
/// same name is a different consumer to the ARN-addressed calls.
/// </summary>
public sealed record ConsumerDefinition(string Name, long CreatedUnixMs);
