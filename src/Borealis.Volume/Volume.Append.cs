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
            Task? wait = null;
            var lsn = Lsn.Zero;
            lock (_gate)
            {
                if (_fenced is not null) throw new VolumeFencedException(_fenced.Message, _fenced);
                if (HasRoom(mtr.EncodedLength)) lsn = Assign(mtr);
                else wait = WaitForRoom();
            }
            if (wait is null)
            {
                FlushSoon();
                return lsn;
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

    /// <summary>
    /// Waits until VDL reaches <paramref name="lsn"/>. Fails with a diagnosis (which groups lack
    /// a write quorum) once the commit timeout passes; the refresh loop enforces it, so a
    /// commit costs no timer of its own.
    /// </summary>
    public Task WaitDurableAsync(Lsn lsn, CancellationToken cancellationToken = default)
    {
        Task task;
        lock (_gate)
        {
            if (lsn <= _vdl) return Task.CompletedTask;
            if (_fenced is not null) return Task.FromException(new VolumeFencedException(_fenced.Message, _fenced));
            var waiter = new DurableWaiter(lsn, Environment.TickCount64 + (long)_options.CommitTimeout.TotalMilliseconds);
            _waiters.Enqueue(waiter, lsn.Value);
            task = waiter.Task;
        }
        return cancellationToken.CanBeCanceled ? task.WaitAsync(cancellationToken) : task;
    }

    /// <summary>Fails the commits that have waited longer than the commit timeout. Under the gate.</summary>
    private void ExpireWaiters()
    {
        if (_waiters.Count == 0) return;
        var now = Environment.TickCount64;
        string? diagnosis = null;
        foreach (var (waiter, _) in _waiters.UnorderedItems)
        {
            if (waiter.Deadline > now || waiter.Task.IsCompleted) continue;
            diagnosis ??= $"no write quorum ({QuorumNeed()}). {DescribeUnderGate()}";
            waiter.TrySetException(new VolumeUnavailableException($"LSN {waiter.Lsn} is not durable after {_options.CommitTimeout.TotalSeconds:0.#} s: {diagnosis}"));
        }
    }

    private static string QuorumNeed() => $"a write needs {Quorum.QuorumPolicy.WriteQuorum} of {Quorum.QuorumPolicy.Copies} segments of every protection group";

    private bool HasRoom(int bytes)
    {
        if (_bytesBeyondVdl == 0) return true;
        if (_nextLsn.Value - _vdl.Value >= (ulong)_options.AllocationLimitRecords || _bytesBeyondVdl + bytes > _options.AllocationLimitBytes) return false;
        foreach (var g in _groups)
            if (g.Pending.RecordBytes >= _options.MaxBatchBytes) return false;
        return true;
    }

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
        return _nextLsn;
    }
}
