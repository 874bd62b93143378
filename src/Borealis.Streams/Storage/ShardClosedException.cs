using Borealis.Common;

namespace Borealis.Streams.Storage;

/// <summary>An append reached a shard that resharding has closed: its records belong to the shard's children.</summary>
public sealed class ShardClosedException(VolumeId volume) : InvalidOperationException($"shard volume {volume} is closed")
{
}
