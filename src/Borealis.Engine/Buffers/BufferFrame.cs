using Borealis.Common;
using Borealis.Redo;

namespace Borealis.Engine.Buffers;

/// <summary>One 16 KiB slot of the buffer pool and its bookkeeping. Fields are guarded by the pool's lock.</summary>
internal sealed class BufferFrame(int index, Memory<byte> bytes)
{
    public int Index { get; } = index;
    public Memory<byte> Bytes { get; } = bytes;
    public PageLatch Latch { get; } = new();

    /// <summary>The page held, or null when the frame is free.</summary>
    public PageId? Page;
    public int PinCount;
    /// <summary>CLOCK reference bit: set by a normal access, cleared as the hand passes.</summary>
    public bool Referenced;
    /// <summary>In the protected hot set (a normal access); cold frames (scanned only) are evicted first.</summary>
    public bool Hot;
    /// <summary>Completes when the page has been read from the fleet; faults if the read failed.</summary>
    public Task Loaded = Task.CompletedTask;

    public Lsn PageLsn => PageFrame.GetLsn(Bytes.Span);
}
