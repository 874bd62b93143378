using Borealis.Common;
using Borealis.Redo;
using Borealis.Redo.Wire;
using Borealis.Volume.Metadata;
using Borealis.Volume.Writing;
using Microsoft.Extensions.Logging;

namespace Borealis.Volume;

/// <summary>
/// The writer's side of the storage fleet for one volume: hands out LSNs, sends redo batches to
/// the six segments of each protection group, counts a record durable once a write quorum
/// holds it, and tracks VCL and VDL. Reads pages from one segment known to be complete.
/// Split by operation into partial files.
/// </summary>
public sealed partial class Volume : IAsyncDisposable
{
    private readonly IClusterMetadata _metadata;
    private readonly IStorageTransport _transport;
    private readonly VolumeOptions _options;
    private readonly ILogger _log;
    private readonly object _gate = new();
    private readonly GroupState[] _groups;
    private readonly ulong _pagesPerGroup;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _flushSignal = new(0, int.MaxValue);
    private readonly SemaphoreSlim _rounds;
    private readonly PriorityQueue<DurableWaiter, ulong> _waiters = new();
    private readonly List<TaskCompletionSource> _spaceWaiters = [];
    private readonly List<Task> _loops = [];

    private TruncationHistory _history;
    private Lsn _nextLsn;   // last LSN handed out
    private Lsn _cutThrough; // last LSN cut into batches
    private Lsn _vdl;
    private long _bytesBeyondVdl;
    private readonly Queue<(Lsn Through, long Bytes)> _unacknowledgedRounds = new();
    private Exception? _fenced;

    private Volume(VolumeGeometry geometry, Epoch epoch, IClusterMetadata metadata, IStorageTransport transport, VolumeOptions options, ILogger log)
    {
        Geometry = geometry;
        Epoch = epoch;
        _metadata = metadata;
        _transport = transport;
        _options = options;
        _log = log;
        _pagesPerGroup = (ulong)(geometry.SegmentBytes / PageFrame.PageSize);
        _rounds = new SemaphoreSlim(options.PipelineDepth, options.PipelineDepth);
        _groups = new GroupState[geometry.GroupCount];
        for (var g = 0; g < geometry.GroupCount; g++)
        {
            var membership = geometry.Groups[g];
            var all = membership.Next is null ? membership.Current : membership.Current.Union(membership.Next).ToList();
            _groups[g] = new GroupState(new ProtectionGroupId((uint)g), membership, all.ToDictionary(a => a, a => new SegmentState(a, transport.Open(a))));
        }
        _history = TruncationHistory.Empty;
    }

    public VolumeGeometry Geometry { get; }
    public VolumeId Id => Geometry.Volume;
    public Epoch Epoch { get; }

    /// <summary>Volume durable LSN: every record at or below it is on a write quorum, and it ends a mini-transaction.</summary>
    public Lsn Vdl
    {
        get { lock (_gate) return _vdl; }
    }

    /// <summary>
    /// Volume complete LSN. Batches are cut for every group at the same LSN, and only between
    /// mini-transactions, so the complete point is always a consistency point: VCL equals VDL.
    /// </summary>
    public Lsn Vcl => Vdl;

    /// <summary>The last LSN handed out.</summary>
    public Lsn HighestLsn
    {
        get { lock (_gate) return _nextLsn; }
    }

    public ulong PagesPerGroup => _pagesPerGroup;

    public ProtectionGroupId GroupOf(PageId page) => new((uint)(page.Value / _pagesPerGroup));

    private GroupState Group(PageId page)
    {
        var g = page.Value / _pagesPerGroup;
        if (g >= (ulong)_groups.Length) throw new ArgumentOutOfRangeException(nameof(page), page, $"page {page} is beyond the volume's {_groups.Length} protection groups");
        return _groups[g];
    }

    private SegmentId SegmentOf(GroupState group) => new(Id, group.Id);

    private void Start()
    {
        _loops.Add(Task.Run(() => FlushLoopAsync(_stop.Token)));
        _loops.Add(Task.Run(() => RefreshLoopAsync(_stop.Token)));
    }

    /// <summary>Per-group reachability, for error messages and the admin view.</summary>
    public string Describe()
    {
        lock (_gate) return DescribeUnderGate();
    }

    private string DescribeUnderGate() =>
        string.Join("; ", _groups.Select(g =>
            $"group {g.Id}: {g.ReachableCount(g.Membership.Current)}/{g.Membership.Current.Count} segments reachable, durable to {g.DurablePoint()}"
            + (g.Membership.Next is null ? "" : $" (moving to a new set, {g.ReachableCount(g.Membership.Next)}/{g.Membership.Next.Count} reachable)")
            + $", sent through {g.SentThrough}, SCLs [{string.Join(",", g.Snapshot.Select(s => s.Scl))}]"
            + string.Concat(g.Snapshot.Where(s => s.LastError.Length > 0).Select(s => $"; {s.Address} last error: {s.LastError}"))));

    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        try { await Task.WhenAll(_loops).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        lock (_gate)
        {
            var closed = new ObjectDisposedException(nameof(Volume));
            while (_waiters.TryDequeue(out var w, out _)) w.TrySetException(closed);
            foreach (var w in _spaceWaiters) w.TrySetException(closed);
            _spaceWaiters.Clear();
        }
        foreach (var s in _groups.SelectMany(g => g.Segments.Values)) await s.Channel.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
        _flushSignal.Dispose();
        _rounds.Dispose();
    }
}
