using Borealis.Common;
using Borealis.Redo;
using Borealis.Volume.Writing;

namespace Borealis.Volume;

public sealed partial class Volume
{
    /// <summary>
    /// Gives the records of <paramref name="mtr"/> consecutive LSNs and queues them for their
    /// groups; returns the LSN of the last one (the consistency point to wait on). Waits first
    /// when too much redo is beyond VDL (back-pressure).
    /// </summary>
    public async ValueTask<Lsn> AppendAsync(MiniTransaction mtr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mtr);
        if (mtr.Count == 0) throw new ArgumentException("a mini-transaction needs at least one record", nameof(mtr));
        while (true)
        {
            Task? wait;
            lock (_gate)
            {
                if (_fenced is not null) throw new VolumeFencedException(_fenced.Message, _fenced);
                wait = HasRoom(mtr.EncodedLength) ? null : WaitForRoom();
                if (wait is null) return Assign(mtr);
            }
            await wait.WaitAsync(_options.CommitTimeout, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Appends and waits until the mini-transaction is durable.</summary>
    public async ValueTask<Lsn> CommitAsync(MiniTransaction mtr, CancellationToken cancellationToken = default)
    {
        var lsn = await AppendAsync(mtr, cancellationToken).ConfigureAwait(false);
        await WaitDurableAsync(lsn, cancellationToken).ConfigureAwait(false);
        return lsn;
    }

    /// <summary>Waits until VDL reaches <paramref name="lsn"/>; fails with a diagnosis if that takes longer than the commit timeout.</summary>
    public Task WaitDurableAsync(Lsn lsn, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource tcs;
        lock (_gate)
        {
            if (lsn <= _vdl) return Task.CompletedTask;
            if (_fenced is not null) return Task.FromException(new VolumeFencedException(_fenced.Message, _fenced));
            tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(tcs, lsn.Value);
        }
        return WaitWithDiagnosisAsync(tcs.Task, lsn, cancellationToken);
    }

    private async Task WaitWithDiagnosisAsync(Task durable, Lsn lsn, CancellationToken cancellationToken)
    {
        try { await durable.WaitAsync(_options.CommitTimeout, cancellationToken).ConfigureAwait(false); }
        catch (TimeoutException e)
        {
            throw new VolumeUnavailableException($"LSN {lsn} is not durable after {_options.CommitTimeout.TotalSeconds:0.#} s: no write quorum ({QuorumNeed()}). {Describe()}", e);
        }
    }

    private static string QuorumNeed() => $"a write needs {Quorum.QuorumPolicy.WriteQuorum} of {Quorum.QuorumPolicy.Copies} segments of every protection group";

    private bool HasRoom(int bytes) =>
        (_nextLsn.Value - _vdl.Value < (ulong)_options.AllocationLimitRecords && _bytesBeyondVdl + bytes <= _options.AllocationLimitBytes
         && _groups.All(g => g.Pending.RecordBytes < _options.MaxBatchBytes))
        || _bytesBeyondVdl == 0;

    private Task WaitForRoom()
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _spaceWaiters.Add(tcs);
        return tcs.Task;
    }

    private Lsn Assign(MiniTransaction mtr)
    {
        var entries = mtr.Entries;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var lsn = _nextLsn.Next;
            var group = e.Type == RedoRecordType.Marker ? _groups[0] : Group(e.Page);
            var payload = mtr.Payload(e);
            var dest = group.Pending.Reserve(RedoRecord.HeaderSize + payload.Length);
            payload.CopyTo(dest[RedoRecord.HeaderSize..]);
            var flags = i == entries.Count - 1 ? RedoRecordFlags.ConsistencyPoint : RedoRecordFlags.None;
            group.Pending.Commit(RedoRecord.Encode(dest, lsn, e.Page, e.Type, flags, payload.Length));
            _nextLsn = lsn;
        }
        _bytesBeyondVdl += mtr.EncodedLength;
        _flushSignal.Release();
        return _nextLsn;
    }
}
