using Borealis.Common;
using Borealis.Redo;
using Borealis.Redo.Wire;
using Borealis.Storage.Log;
using Borealis.Storage.Pages;
using Microsoft.Extensions.Logging;

namespace Borealis.Storage.Segments;

/// <summary>
/// One copy of a protection group on a storage node: the redo log, the chain of batches that
/// defines how far the copy is complete (SCL), the redo waiting to be materialized, and the
/// page images. Split by operation into partial files.
/// </summary>
public sealed partial class Segment : IAsyncDisposable
{
    private readonly string _directory;
    private readonly SegmentOptions _options;
    private readonly IStorageTransport _transport;
    private readonly NodeAddress _self;
    private readonly ILogger _log;
    private readonly object _gate = new();
    private readonly SegmentLog _segmentLog;
    private readonly PageImageFile _images;
    private readonly PendingRedo _pending = new();
    private readonly Dictionary<ulong, LogEntryInfo> _byPrev = [];
    private readonly List<DamagedEntry> _damaged = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly SemaphoreSlim _gossipWake = new(0, int.MaxValue);
    private readonly Dictionary<NodeAddress, IStorageChannel> _peerChannels = [];
    private readonly Dictionary<NodeAddress, Lsn> _peerScl = [];
    private readonly SemaphoreSlim _maintenance = new(1, 1);

    private SegmentMeta _meta;
    private Lsn _receivedScl;
    private Lsn _durableScl;
    private Lsn _highestReceived;
    private int _generation;

    public SegmentId Id { get; }

    private Segment(SegmentId id, string directory, SegmentMeta meta, SegmentOptions options, IStorageTransport transport, NodeAddress self, ILogger log, Func<Segment, SegmentLog> openLog)
    {
        Id = id;
        _directory = directory;
        _meta = meta;
        _options = options;
        _transport = transport;
        _self = self;
        _log = log;
        _images = new PageImageFile(Path.Combine(directory, "pages.img"), meta.FirstPage, meta.PageCount);
        try { _segmentLog = openLog(this); }
        catch { _images.Dispose(); throw; }
    }

    /// <summary>Creates a new, empty segment on disk.</summary>
    public static Segment Create(SegmentId id, string directory, Epoch epoch, ulong firstPage, ulong pageCount, IReadOnlyList<NodeAddress> members,
        SegmentOptions options, IStorageTransport transport, NodeAddress self, ILogger log)
    {
        CrashSafe.CreateDirectoryDurably(directory);
        var meta = new SegmentMeta(epoch, TruncationHistory.Empty, members, firstPage, pageCount, Lsn.Zero, Lsn.Zero, Lsn.Zero);
        meta.Save(directory);
        return Open(id, directory, options, transport, self, log);
    }

    /// <summary>Opens a segment from disk: loads its log, cuts a torn tail, rebuilds its chain and pending redo.</summary>
    public static Segment Open(SegmentId id, string directory, SegmentOptions options, IStorageTransport transport, NodeAddress self, ILogger log)
    {
        var meta = SegmentMeta.Load(directory);
        var entries = new List<(LogEntryInfo Info, byte[]? Bytes)>();
        var damaged = new List<DamagedEntry>();
        var segment = new Segment(id, directory, meta, options, transport, self, log, s =>
            SegmentLog.Open(directory, options.LogChunkBytes, log, (ReadOnlySpan<byte> entry, in RedoBatchHeader h, LogLocation location) =>
            {
                var info = new LogEntryInfo(h.PrevLsn, h.LastLsn, h.Epoch, location);
                entries.Add((info, h.LastLsn > meta.Checkpoint ? entry.ToArray() : null));
            }, damaged));
        lock (segment._gate)
        {
            segment._damaged.AddRange(damaged);
            foreach (var (info, bytes) in entries)
                segment.Index(info);
            var byLocation = entries.Where(e => e.Bytes is not null).ToDictionary(e => e.Info.Location, e => e.Bytes!);
            segment._receivedScl = meta.ChainBase;
            segment.AdvanceChain(byLocation);
            segment._durableScl = segment._receivedScl;
        }
        log.LogInformation("segment {Segment} open: scl={Scl} checkpoint={Checkpoint} epoch={Epoch} entries={Entries} damaged={Damaged}",
            id, segment._durableScl, meta.Checkpoint, meta.Epoch, entries.Count, damaged.Count);
        return segment;
    }

    /// <summary>Starts gossip, materialization and scrub.</summary>
    public void Start()
    {
        _loops.Add(RepeatAsync("gossip", ct => _gossipWake.WaitAsync(_options.GossipInterval, ct), GossipRoundAsync));
        _loops.Add(RepeatAsync("materialization", ct => Task.Delay(_options.MaterializeInterval, ct), MaterializeAsync));
        if (_options.ScrubInterval > TimeSpan.Zero)
            _loops.Add(RepeatAsync("scrub", ct => Task.Delay(_options.ScrubInterval, ct), ScrubAsync));
    }

    /// <summary>Runs background work after each wait until the segment closes; a failed round is logged and the next one tries again.</summary>
    private Task RepeatAsync(string what, Func<CancellationToken, Task> wait, Func<CancellationToken, Task> work) => Task.Run(async () =>
    {
        var stop = _stop.Token;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await wait(stop).ConfigureAwait(false);
                await work(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
#pragma warning disable CA1031 // a background loop must survive any single failure and try again next round
            catch (Exception e) { _log.LogError(e, "segment {Segment}: {What} failed", Id, what); }
#pragma warning restore CA1031
        }
    });

    public Lsn DurableScl
    {
        get { lock (_gate) return _durableScl; }
    }

    public Epoch Epoch
    {
        get { lock (_gate) return _meta.Epoch; }
    }

    public string Directory => _directory;

    /// <summary>Records an entry in the index; an entry of a newer epoch replaces an older one at the same start.</summary>
    private bool Index(LogEntryInfo info)
    {
        if (!_meta.History.Keeps(info.Epoch, info.LastLsn)) return false;
        if (_byPrev.TryGetValue(info.PrevLsn.Value, out var existing) && existing.Epoch >= info.Epoch) return false;
        _byPrev[info.PrevLsn.Value] = info;
        if (info.LastLsn > _highestReceived) _highestReceived = info.LastLsn;
        return true;
    }

    /// <summary>
    /// Extends the chain of batches from the current SCL as far as entries connect, feeding the
    /// redo of each newly chained entry to the pending redo. Called under the gate.
    /// </summary>
    private void AdvanceChain(Dictionary<LogLocation, byte[]>? inHand = null, LogLocation handLocation = default, byte[]? handBytes = null)
    {
        while (_byPrev.TryGetValue(_receivedScl.Value, out var next) && next.LastLsn > _receivedScl)
        {
            if (next.LastLsn > _meta.Checkpoint)
            {
                var bytes = handBytes is not null && next.Location == handLocation ? handBytes : null;
                if (bytes is null && (inHand is null || !inHand.TryGetValue(next.Location, out bytes)))
                {
                    bytes = new byte[next.Location.Length];
                    if (!_segmentLog.TryRead(next.Location, bytes) || !RedoBatchHeader.TryValidate(bytes, out _))
                    {
                        _log.LogError("segment {Segment}: entry ({Prev}, {Last}] unreadable; waiting for repair", Id, next.PrevLsn, next.LastLsn);
                        _byPrev.Remove(next.PrevLsn.Value);
                        _damaged.Add(new DamagedEntry(next.Location, next.PrevLsn, next.LastLsn, true));
                        break;
                    }
                }
                Ingest(bytes);
            }
            _receivedScl = next.LastLsn;
        }
    }

    /// <summary>Queues the page redo of a chained batch for reads and materialization.</summary>
    private void Ingest(byte[] batch)
    {
        var reader = new RedoRecordReader(batch);
        while (reader.TryNext(out var record))
        {
            if (record.Lsn <= _meta.Checkpoint || !RedoApply.ChangesPage(record.Type)) continue;
            _pending.Add(record.Page, new RedoSlice(record.Lsn, batch, reader.Offset, record.Length));
        }
    }

    private readonly object _metaSaveGate = new();

    /// <summary>
    /// Persists the segment's metadata as it is now, without holding the gate through the
    /// fsyncs (appends would queue behind them). Savers take turns and each writes the newest
    /// state, so an older state never lands last. Every writer of the metadata file holds
    /// _metaSaveGate (taken before _gate, never inside it): two at once collide on its
    /// temporary file.
    /// </summary>
    private void SaveMeta()
    {
        lock (_metaSaveGate)
        {
            SegmentMeta current;
            lock (_gate) current = _meta;
            current.Save(_directory);
        }
    }

    private StorageReply Reply(ReplyStatus status = ReplyStatus.Ok, string message = "")
    {
        lock (_gate)
            return status == ReplyStatus.Ok ? new StorageReply(status, _durableScl, _meta.Epoch) : StorageReply.Error(status, _durableScl, _meta.Epoch, message);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try { await Task.WhenAll(_loops).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        foreach (var channel in _peerChannels.Values) await channel.DisposeAsync().ConfigureAwait(false);
        _segmentLog.Dispose();
        _images.Dispose();
        _stop.Dispose();
        _gossipWake.Dispose();
        _maintenance.Dispose();
    }
}
