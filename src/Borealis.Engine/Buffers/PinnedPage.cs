using Borealis.Common;

namespace Borealis.Engine.Buffers;

/// <summary>
/// A pin on one resident page: while it is held the frame is not evicted. Dispose to unpin.
/// Reading or changing the bytes needs the frame's latch as well (<see cref="Latch"/>).
/// </summary>
public readonly struct PinnedPage : IDisposable, IEquatable<PinnedPage>
{
    private readonly BufferPool _pool;
    private readonly BufferFrame _frame;

    internal PinnedPage(BufferPool pool, BufferFrame frame)
    {
        _pool = pool;
        _frame = frame;
        Id = frame.Page!.Value;
    }

    public PageId Id { get; }
    public PageLatch Latch => _frame.Latch;
    public Span<byte> Bytes => _frame.Bytes.Span;
    internal BufferFrame Frame => _frame;

    public void Dispose() => _pool.Unpin(_frame);

    public bool Equals(PinnedPage other) => ReferenceEquals(_frame, other._frame);
    public override bool Equals(object? obj) => obj is PinnedPage other && Equals(other);
    public override int GetHashCode() => _frame?.Index ?? -1;
    public static bool operator ==(PinnedPage left, PinnedPage right) => left.Equals(right);
    public static bool operator !=(PinnedPage left, PinnedPage right) => !left.Equals(right);
}
