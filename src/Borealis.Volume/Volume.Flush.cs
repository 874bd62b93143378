using Borealis.Common;
using Borealis.Redo;
using Borealis.Redo.Wire;
using Borealis.Volume.Writing;
using Microsoft.Extensions.Logging;

namespace Borealis.Volume;

public sealed partial class Volume
{
    /// <summary>One cut of batches, one per group, all ending at the same LSN.</summary>
    private sealed class Round(Lsn through, long bytes, int replies)
    {
        public Lsn Through { get; } = through;
        public long Bytes { get; } = bytes;
        public int RepliesOutstanding { get; set; } = replies;
        public bool SlotReleased { get; set; }
        public bool Acknowledged { get; set; }
    }

    private readonly Queue<Round> _inflight = new();
    private readonly Stack<BatchBuffer> _spareBuffers = new();
    private readonly object _sendGate = new();
    private readonly List<(GroupState Group, SegmentState[] Targets, ReadOnlyMemory<byte> Body, BatchBuffer Buffer)> _sealed = [];
    private int _flushRequested;

    /// <summary>
    /// Sends what was appended: at once on the caller's thread when a pipeline slot is free
    /// (no thread hop for a lone committer), else by the flush loop when a round completes.
    /// </summary>
    private void FlushSoon()
    {
        if (_rounds.Wait(0))
        {
            if (CutAndSend()) return;
            _rounds.Release();
            return;
        }
        SignalFlushLoop();
    }

    /// <summary>Cuts a round and sends it, holding a slot; false when there was nothing to send.</summary>
    private bool CutAndSend()
    {
        // One sender at a time: every segment must get the rounds in the order they were cut.
        lock (_sendGate)
        {
            Round? round;
            lock (_gate) round = CutRound(_sealed);
            if (round is null) return false;
            Send(round, _sealed);
            return true;
        }
    }

    /// <summary>
    /// Sends whatever has been appended as a round of batches whenever a pipeline slot is free:
    /// while one round is being fsynced on the segments, the next one fills up. That is group
    /// commit across all committers.
    /// </summary>
    private async Task FlushLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await _flushSignal.WaitAsync(stop).ConfigureAwait(false);
                Volatile.Write(ref _flushRequested, 0);
                while (!stop.IsCancellationRequested)
                {
                    lock (_gate)
                        if (!HasUnsent()) break;
                    // No waiting for a slot here: a waiting SemaphoreSlim would be handed the next
                    // freed slot and then need a pool thread to use it. A slot frees only when an
                    // ack is taken in, and whoever takes it in sends what waits.
                    if (!_rounds.Wait(0)) break;
                    if (!CutAndSend()) { _rounds.Release(); break; }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
#pragma warning disable CA1031 // the flusher must keep running; a failure here is logged and the next round retries
            catch (Exception e) { _log.LogError(e, "volume {Volume}: flush failed", Id); }
#pragma warning restore CA1031
        }
    }

    /// <summary>Seals every group's pending records (possibly none) into a batch ending at the newest LSN. Under the gate.</summary>
    private Round? CutRound(List<(GroupState Group, SegmentState[] Targets, ReadOnlyMemory<byte> Body, BatchBuffer Buffer)> batches)
    {
        batches.Clear();
        if (_nextLsn == _cutThrough || _fenced is not null) return null;
        var through = _nextLsn;
        long bytes = 0;
        var replies = 0;
        foreach (var group in _groups)
        {
            var buffer = group.Pending;
            bytes += buffer.RecordBytes;
            var body = buffer.Seal(SegmentOf(group), Epoch, group.SentThrough, through, _vdl);
            group.SentThrough = through;
            group.Pending = _spareBuffers.Count > 0 ? _spareBuffers.Pop() : new BatchBuffer();
            batches.Add((group, group.Snapshot, body, buffer));
            replies += group.Snapshot.Length;
        }
        _cutThrough = through;
        var round = new Round(through, bytes, replies);
        _inflight.Enqueue(round);
        return round;
    }

    /// <summary>Set while this thread sends a round: an ack completed inline must not start another send from inside it.</summary>
    [ThreadStatic] private static bool t_sending;

    private void Send(Round round, List<(GroupState Group, SegmentState[] Targets, ReadOnlyMemory<byte> Body, BatchBuffer Buffer)> batches)
    {
        t_sending = true;
        try
        {
            foreach (var (group, targets, body, _) in batches)
                foreach (var segment in targets)
                    _ = AwaitAppendAsync(round, group, segment, segment.Channel.SendAsync(StorageMessageType.Append, body, _options.SendTimeout));
        }
        finally { t_sending = false; }
        lock (_gate)
            foreach (var (_, _, _, buffer) in batches)
            {
                buffer.Reset();
                _spareBuffers.Push(buffer);
            }
    }

    private async Task AwaitAppendAsync(Round round, GroupState group, SegmentState segment, ValueTask<StorageReply> pending)
    {
        using var reply = await pending.ConfigureAwait(false);
        bool more;
        lock (_gate)
        {
            Observe(group, segment, reply);
            round.RepliesOutstanding--;
            AdvanceVdl();
            if (round.RepliesOutstanding == 0) ReleaseSlot(round);
            more = HasUnsent();
        }
        if (more) SendFromCompletion();
    }

    /// <summary>Under the gate.</summary>
    private bool HasUnsent() => _nextLsn > _cutThrough && _fenced is null;

    /// <summary>
    /// Sends what waits from the thread that just learned of an ack (for the embedded fleet,
    /// the segment's fsync thread) instead of waking the flush loop on the thread pool: when
    /// CPU-bound work fills the pool, the log must keep moving, or every commit stalls behind it.
    /// </summary>
    private void SendFromCompletion()
    {
        if (t_sending) SignalFlushLoop();
        else FlushSoon();
    }

    private void SignalFlushLoop()
    {
        if (Interlocked.Exchange(ref _flushRequested, 1) == 0) _flushSignal.Release();
    }

    /// <summary>Takes in what a reply says about a segment. Under the gate.</summary>
    private void Observe(GroupState group, SegmentState segment, in StorageReply reply)
    {
        switch (reply.Status)
        {
            case ReplyStatus.Ok when reply.Epoch == Epoch:
                segment.Reachable = true;
                if (reply.Scl > segment.Scl) segment.Scl = reply.Scl;
                break;
            case ReplyStatus.Ok:
            case ReplyStatus.EpochBehind:
                segment.Reachable = true;
                if (reply.Epoch > Epoch) Fence(reply.Epoch, segment);
                else StartRepair(group, segment, create: false);
                break;
            case ReplyStatus.StaleEpoch:
                Fence(reply.Epoch, segment);
                break;
            case ReplyStatus.UnknownSegment:
                segment.Reachable = true;
                StartRepair(group, segment, create: true);
                break;
            default:
                if (segment.Reachable) _log.LogWarning("volume {Volume}: segment {Segment} on {Node}: {Reply}", Id, group.Id, segment.Address, reply);
                segment.Reachable = reply.Status != ReplyStatus.Unreachable;
                segment.LastError = reply.ToString();
                break;
        }
    }

    private void Fence(Epoch newer, SegmentState segment)
    {
        if (_fenced is not null) return;
        _fenced = new VolumeFencedException($"volume {Id} was opened by a newer writer (epoch {newer} on {segment.Address}, this writer has {Epoch}); this writer must stop");
        _log.LogError("{Message}", _fenced.Message);
        while (_waiters.TryDequeue(out var w, out _)) w.TrySetException(_fenced);
        foreach (var w in _spaceWaiters) w.TrySetException(_fenced);
        _spaceWaiters.Clear();
    }

    /// <summary>Brings a segment that lacks this writer's truncation (or the segment itself) up to date, in the background.</summary>
    private void StartRepair(GroupState group, SegmentState segment, bool create)
    {
        if (segment.Repairing || _stop.IsCancellationRequested) return;
        segment.Repairing = true;
        var history = _history;
        var members = group.Targets.ToList();
        _ = Task.Run(async () =>
        {
            try
            {
                if (create)
                {
                    using var opened = await segment.Channel.SendAsync(StorageMessageType.OpenSegment,
                        new OpenSegmentRequest(SegmentOf(group), Epoch, _pagesPerGroup, members).ToArray(), _options.SendTimeout).ConfigureAwait(false);
                }
                using var truncated = await segment.Channel.SendAsync(StorageMessageType.Truncate, new TruncateRequest(SegmentOf(group), history).ToArray(), _options.SendTimeout).ConfigureAwait(false);
                _log.LogInformation("volume {Volume}: brought segment {Group} on {Node} to epoch {Epoch}: {Reply}", Id, group.Id, segment.Address, Epoch, truncated);
            }
            finally
            {
                lock (_gate) segment.Repairing = false;
            }
        });
    }

    /// <summary>Moves VDL to the lowest durable point over all groups and wakes what waited for it. Under the gate.</summary>
    private void AdvanceVdl()
    {
        var point = _cutThrough;
        foreach (var group in _groups)
        {
            var p = group.DurablePoint();
            if (p < point) point = p;
        }
        if (point <= _vdl) return;
        _vdl = point;
        while (_waiters.TryPeek(out var w, out var lsn) && lsn <= _vdl.Value)
        {
            _waiters.Dequeue();
            w.TrySetResult();
        }
        while (_inflight.TryPeek(out var round) && round.Through <= _vdl)
        {
            _inflight.Dequeue();
            round.Acknowledged = true;
            _bytesBeyondVdl -= round.Bytes;
            ReleaseSlot(round);
        }
        if (_bytesBeyondVdl < 0) _bytesBeyondVdl = 0;
        foreach (var w in _spaceWaiters) w.TrySetResult();
        _spaceWaiters.Clear();
    }

    private void ReleaseSlot(Round round)
    {
        if (round.SlotReleased) return;
        round.SlotReleased = true;
        _rounds.Release();
    }

    /// <summary>Asks one segment for its status and takes in what it says.</summary>
    private async Task RefreshAsync(GroupState group, SegmentState segment, CancellationToken cancellationToken)
    {
        var body = new byte[SegmentAddress.Size];
        new SegmentAddress(SegmentOf(group)).Write(body);
        using var reply = await segment.Channel.SendAsync(StorageMessageType.Status, body, _options.SendTimeout, cancellationToken).ConfigureAwait(false);
        bool more;
        lock (_gate)
        {
            Observe(group, segment, reply);
            AdvanceVdl();
            more = HasUnsent();
        }
        if (more) SendFromCompletion();
    }

    /// <summary>
    /// Asks lagging segments for their SCL: a segment that was down or stopped catches up by
    /// gossip, and its acks for old rounds are gone, so the writer must ask.
    /// </summary>
    private async Task RefreshLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.RefreshInterval, stop).ConfigureAwait(false);
                List<(GroupState Group, SegmentState Segment)> lagging;
                lock (_gate)
                {
                    ExpireWaiters();
                    if (_vdl >= _cutThrough && _waiters.Count == 0) continue;
                    lagging = [.. _groups.SelectMany(g => g.Segments.Values.Where(s => s.Scl < _cutThrough).Select(s => (g, s)))];
                }
                await Task.WhenAll(lagging.Select(x => RefreshAsync(x.Group, x.Segment, stop))).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
#pragma warning disable CA1031 // a background loop must survive any single failure
            catch (Exception e) { _log.LogError(e, "volume {Volume}: refresh failed", Id); }
#pragma warning restore CA1031
        }
    }
}
