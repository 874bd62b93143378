using System.Buffers.Binary;
using Borealis.Common;
using Borealis.Engine.BTrees;
using Borealis.Engine.Pages;

namespace Borealis.Engine.Transactions;

public sealed partial class Database
{
    /// <summary>The sequences' root: sequence id (u32 big-endian) → reserved through (u64 little-endian).</summary>
    public static readonly PageId SequencesRoot = new(2);

    /// <summary>Values reserved durably at a time: one log write per this many values handed out.</summary>
    public const ulong SequenceBlock = 1000;

    private readonly SemaphoreSlim _sequenceGate = new(1, 1);
    private readonly Dictionary<uint, (ulong Next, ulong ReservedThrough)> _sequences = [];
    private BTree? _sequenceTree;

    /// <summary>
    /// The next value of sequence <paramref name="id"/> (AUTO_INCREMENT, a hidden row id), from
    /// 1. A value is handed out only once it lies in a durably reserved block, so no value is
    /// ever handed out twice, crash included; after a crash the rest of the block is skipped,
    /// as MySQL skips auto-increment values.
    /// </summary>
    public async ValueTask<ulong> NextSequenceValueAsync(uint id, CancellationToken cancellationToken = default)
    {
        await _sequenceGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (next, reserved) = await LoadSequenceAsync(id, cancellationToken).ConfigureAwait(false);
            if (next > reserved) reserved = await ReserveAsync(id, next + SequenceBlock - 1, cancellationToken).ConfigureAwait(false);
            _sequences[id] = (next + 1, reserved);
            return next;
        }
        finally { _sequenceGate.Release(); }
    }

    /// <summary>
    /// A value was given explicitly (INSERT ... VALUES (500, ...)): later values come after it.
    /// Durable before it returns, so a value at or below it is never handed out after a crash.
    /// </summary>
    public async ValueTask ObserveSequenceValueAsync(uint id, ulong value, CancellationToken cancellationToken = default)
    {
        await _sequenceGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (next, reserved) = await LoadSequenceAsync(id, cancellationToken).ConfigureAwait(false);
            if (value < next) return;
            next = value + 1;
            if (value >= reserved) reserved = await ReserveAsync(id, value + SequenceBlock, cancellationToken).ConfigureAwait(false);
            _sequences[id] = (next, reserved);
        }
        finally { _sequenceGate.Release(); }
    }

    /// <summary>The value the sequence hands out next (SHOW TABLE STATUS's Auto_increment).</summary>
    public async ValueTask<ulong> PeekSequenceValueAsync(uint id, CancellationToken cancellationToken = default)
    {
        await _sequenceGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try { return (await LoadSequenceAsync(id, cancellationToken).ConfigureAwait(false)).Next; }
        finally { _sequenceGate.Release(); }
    }

    private async ValueTask<(ulong Next, ulong ReservedThrough)> LoadSequenceAsync(uint id, CancellationToken cancellationToken)
    {
        if (_sequences.TryGetValue(id, out var state)) return state;
        var tree = await SequenceTreeAsync(cancellationToken).ConfigureAwait(false);
        var stored = await tree.TryGetAsync(SequenceKey(id), cancellationToken).ConfigureAwait(false);
        var reserved = stored is null ? 0 : BinaryPrimitives.ReadUInt64LittleEndian(stored);
        // Whatever was handed out before a restart lies at or below the reservation.
        state = (reserved + 1, reserved);
        _sequences[id] = state;
        return state;
    }

    private async ValueTask<ulong> ReserveAsync(uint id, ulong through, CancellationToken cancellationToken)
    {
        var tree = await SequenceTreeAsync(cancellationToken).ConfigureAwait(false);
        var value = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(value, through);
        Lsn lsn;
        var scope = await ChangeScope.BeginAsync(Pool, cancellationToken).ConfigureAwait(false);
        await using (scope.ConfigureAwait(false))
        {
            await tree.PutAsync(scope, SequenceKey(id), value, PutMode.Upsert, cancellationToken).ConfigureAwait(false);
            lsn = await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        await Pool.WaitDurableAsync(lsn, cancellationToken).ConfigureAwait(false);
        return through;
    }

    private async ValueTask<BTree> SequenceTreeAsync(CancellationToken cancellationToken)
    {
        return _sequenceTree ??= await OpenOrCreateAsync(SequencesRoot, cancellationToken).ConfigureAwait(false);
    }

    private static byte[] SequenceKey(uint id) => BigEndianKey(id);
}
