using System.Buffers;

namespace Borealis.Common.Net;

/// <summary>
/// An exact-length window on an <see cref="ArrayPool{T}"/> array. Dispose is idempotent because
/// owners travel inside copyable structs (a reply), and returning one array twice would hand it
/// to two renters.
/// </summary>
public sealed class PooledBuffer : IMemoryOwner<byte>
{
    private byte[]? _array;
    private readonly int _length;

    private PooledBuffer(int length)
    {
        _array = ArrayPool<byte>.Shared.Rent(length);
        _length = length;
    }

    public static PooledBuffer Rent(int length) => new(length);

    public Memory<byte> Memory => _array is { } a ? a.AsMemory(0, _length) : throw new ObjectDisposedException(nameof(PooledBuffer));

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _array, null) is { } a) ArrayPool<byte>.Shared.Return(a);
    }
}
