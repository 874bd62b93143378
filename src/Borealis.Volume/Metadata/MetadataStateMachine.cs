using System.Buffers;
using System.Buffers.Binary;
using Borealis.Common;
using DotNext.IO;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;
using Microsoft.Extensions.Logging;

namespace Borealis.Volume.Metadata;

/// <summary>
/// Connects <see cref="MetadataState"/> to DotNext's write-ahead log: applies committed entries
/// and periodically snapshots the whole state, so restart replays only the log after the latest
/// snapshot. A snapshot file is the <see cref="MetadataState.Serialize"/> bytes followed by
/// their CRC32C (u32 little-endian), because a snapshot is trusted in place of the log it replaces.
/// </summary>
internal sealed partial class MetadataStateMachine(DirectoryInfo location, MetadataState state, int snapshotEveryCommands, ILogger logger)
    : SimpleStateMachine(location)
{
    protected override async ValueTask RestoreAsync(FileInfo snapshotFile, CancellationToken token)
    {
        var bytes = await File.ReadAllBytesAsync(snapshotFile.FullName, token).ConfigureAwait(false);
        if (bytes.Length < sizeof(uint)) throw new InvalidDataException($"metadata snapshot {snapshotFile.FullName} is truncated");
        var body = bytes.AsSpan(0, bytes.Length - sizeof(uint));
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(body.Length));
        if (Crc32C.Compute(body) != stored) throw new InvalidDataException($"metadata snapshot {snapshotFile.FullName} fails its CRC32C");
        state.Restore(body);
    }

    protected override ValueTask PersistAsync(IAsyncBinaryWriter writer, CancellationToken token)
    {
        var body = state.Serialize();
        var framed = new byte[body.Length + sizeof(uint)];
        body.CopyTo(framed, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(framed.AsSpan(body.Length), Crc32C.Compute(body));
        return writer.Invoke(framed, token);
    }

    protected override ValueTask<bool> ApplyAsync(LogEntry entry, CancellationToken token)
    {
        // Entries without a payload (e.g. a new leader's no-op, or cluster-configuration entries
        // consumed by DotNext itself) carry no metadata command.
        if (!entry.TryGetPayload(out var payload) || payload.IsEmpty) return new(false);

        CommandResult result;
        try
        {
            result = state.Apply(MetadataCommandCodec.Decode(payload.IsSingleSegment ? payload.FirstSpan : payload.ToArray()));
        }
        catch (InvalidDataException e)
        {
            // Every member decodes the same bytes the same way, so skipping an undecodable entry
            // keeps members identical, whereas throwing would halt this member's log for good.
            LogUndecodableEntry(logger, entry.Index, e);
            result = new RejectedResult(RejectionReason.Malformed, e.Message);
        }

        (entry.Context as PendingCommand)?.Complete(result);
        return new(entry.Index % snapshotEveryCommands == 0);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Metadata log entry {Index} cannot be decoded and is skipped")]
    private static partial void LogUndecodableEntry(ILogger logger, long index, Exception error);
}
