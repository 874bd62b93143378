namespace Borealis.Streams.Catalog;

/// <summary>
/// The whole catalog, as stored (JSON) in the <see cref="CatalogVolume"/>. <see cref="NextVolume"/> is the next volume id to give a shard; it is
/// persisted before the volume is created, so an id is never handed out twice even if a crash
/// leaves a volume without a stream. <see cref="IteratorKey"/> signs shard iterators, so that
/// iterators stay valid across a restart and cannot be forged.
/// </summary>
public sealed record CatalogDocument(int Format, ulong NextVolume, string IteratorKey, IReadOnlyList<StreamDefinition> Streams);
