using Borealis.Common;
using Borealis.Redo.Wire;

namespace Borealis.Volume.Writing;

/// <summary>What the writer knows of one segment: its channel, the SCL it last reported, whether it answers.</summary>
internal sealed class SegmentState(NodeAddress address, IStorageChannel channel)
{
    public NodeAddress Address { get; } = address;
    public IStorageChannel Channel { get; } = channel;
    /// <summary>Highest SCL reported; it only grows while the volume stays open.</summary>
    public Lsn Scl { get; set; }
    public bool Reachable { get; set; } = true;
    public string LastError { get; set; } = "";
    /// <summary>Set while a truncation or segment creation is being sent to it.</summary>
    public bool Repairing { get; set; }
    /// <summary>Smoothed read latency in milliseconds, to pick the fastest complete segment.</summary>
    public double ReadLatencyMs { get; set; } = 1;
}
