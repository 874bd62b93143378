using Borealis.Common;
using Borealis.Engine.Buffers;

namespace Borealis.Engine.Rows;

/// <summary>
/// Reads an overflow chain page by page: each read pins one page (as a scan: it enters the
/// pool cold and does not push out the working set), copies from it under a shared latch, and
/// lets it go. Checks that the chain holds exactly the length its reference says.
/// </summary>
internal sealed class OverflowStream(BufferPool pool, OverflowRef chain) : Stream
{
    private PageId _page = chain.First;
    private int _offsetInPage;
    private long _position;
    private long _pagesLeft = OverflowChain.PageCount(chain.Length);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => chain.Length;
    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (_position >= chain.Length || buffer.IsEmpty) return 0;
            if (_page == default) throw new InvalidDataException($"overflow chain at page {chain.First} ends after {_position} of {chain.Length} bytes");
            if (_offsetInPage == 0) OverflowChain.CheckNotPastEnd(_pagesLeft--, chain);
            using var page = await pool.PinAsync(_page, PageAccess.Scan, cancellationToken).ConfigureAwait(false);
            await page.Latch.AcquireSharedAsync().ConfigureAwait(false);
            int copied;
            PageId next;
            int onPage;
            try
            {
                (var data, next) = OverflowPage.Read(page.Frame.Bytes, _page);
                onPage = data.Length;
                var available = (int)Math.Min(onPage - _offsetInPage, chain.Length - _position);
                copied = Math.Min(available, buffer.Length);
                data.Slice(_offsetInPage, copied).CopyTo(buffer);
            }
            finally { page.Latch.ReleaseShared(); }
            _offsetInPage += copied;
            _position += copied;
            if (_offsetInPage >= onPage)
            {
                _page = next;
                _offsetInPage = 0;
            }
            if (copied > 0) return copied;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
