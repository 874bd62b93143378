using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Borealis.MySql.Protocol;

namespace Borealis.MySql.Server;

/// <summary>Why a read gave up waiting.</summary>
internal sealed class NetTimeoutException(bool idle) : IOException(idle ? "idle timeout" : "net timeout")
{
    /// <summary>True for wait_timeout between commands, false for net_read/write_timeout inside a packet.</summary>
    public bool Idle { get; } = idle;
}

/// <summary>
/// MySQL packets over a pair of pipes: 3-byte length, 1-byte sequence id, payload; payloads of
/// 2^24-1 bytes or more are split into maximal packets and a shorter (maybe empty) last one, and
/// joined again on read. https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_packets.html
/// </summary>
internal sealed class PacketChannel
{
    public const int MaxPayloadChunk = 0xFF_FFFF;

    private readonly PipeReader _reader;
    private readonly PipeWriter _writer;
    private readonly int _maxAllowedPacket;
    private readonly TimeSpan _netReadTimeout;
    private readonly TimeSpan _netWriteTimeout;
    private readonly int _flushThreshold;
    private CancellationTokenSource _readTimer = new();
    private CancellationTokenSource _writeTimer = new();
    private byte[]? _payload;
    private long _unflushed;

    public PacketChannel(PipeReader reader, PipeWriter writer, int maxAllowedPacket, TimeSpan netReadTimeout, TimeSpan netWriteTimeout, int flushThreshold)
    {
        _reader = reader;
        _writer = writer;
        _maxAllowedPacket = maxAllowedPacket;
        _netReadTimeout = netReadTimeout;
        _netWriteTimeout = netWriteTimeout;
        _flushThreshold = flushThreshold;
    }

    /// <summary>The next sequence id to send or expect.</summary>
    public byte Sequence { get; set; }

    public bool ShouldFlush => _unflushed >= _flushThreshold;

    /// <summary>
    /// Reads one logical packet (joining split packets). Returns null when the client closed
    /// cleanly between packets. The payload stays valid until the next read or <see cref="ReleasePayload"/>.
    /// </summary>
    /// <param name="newCommand">A command starts a new exchange: its sequence id must be 0.</param>
    /// <param name="idleTimeout">How long to wait for the first byte.</param>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ReadOnlyMemory<byte>?> ReadPacketAsync(bool newCommand, TimeSpan idleTimeout)
    {
        ReleasePayload();
        if (newCommand) Sequence = 0;
        var total = 0;
        var timeout = idleTimeout;
        var idle = true;
        while (true)
        {
            var result = await ReadAsync(timeout, idle).ConfigureAwait(false);
            var buffer = result.Buffer;
            var consumed = buffer.Start;
            var complete = false;
            try
            {
                while (buffer.Length >= 4)
                {
                    var (length, sequence) = ReadHeader(buffer);
                    if (sequence != Sequence)
                        throw new MySqlErrorException(MySqlErrorCode.NetPacketsOutOfOrder) { ClosesConnection = true };
                    // Checked on the header, before buffering the body: a hostile length costs nothing.
                    if ((long)total + length > _maxAllowedPacket)
                        throw new MySqlErrorException(MySqlErrorCode.NetPacketTooLarge) { ClosesConnection = true };
                    if (buffer.Length < 4 + length) break;
                    EnsurePayload(total + length);
                    buffer.Slice(4, length).CopyTo(_payload.AsSpan(total));
                    total += length;
                    Sequence++;
                    buffer = buffer.Slice(4 + length);
                    consumed = buffer.Start;
                    if (length < MaxPayloadChunk)
                    {
                        complete = true;
                        return _payload.AsMemory(0, total);
                    }
                }
                if (result.IsCompleted)
                {
                    if (total == 0 && buffer.IsEmpty) return null;
                    throw new IOException("connection closed inside a packet");
                }
            }
            finally
            {
                // After a whole packet only what was consumed counts as examined: a pipelined next
                // packet may already be buffered, and the next read must see it without new bytes.
                if (complete) _reader.AdvanceTo(consumed);
                else _reader.AdvanceTo(consumed, buffer.End);
            }
            // Once part of a packet has arrived the rest is due within net_read_timeout; before that
            // the connection is idle (wait_timeout).
            if (total > 0 || !buffer.IsEmpty)
            {
                timeout = _netReadTimeout;
                idle = false;
            }
        }
    }

    private static (int Length, byte Sequence) ReadHeader(in ReadOnlySequence<byte> buffer)
    {
        Span<byte> header = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(header);
        return (header[0] | (header[1] << 8) | (header[2] << 16), header[3]);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ReadResult> ReadAsync(TimeSpan timeout, bool idle)
    {
        if (timeout != Timeout.InfiniteTimeSpan) _readTimer.CancelAfter(timeout);
        try
        {
            var result = await _reader.ReadAsync(_readTimer.Token).ConfigureAwait(false);
            if (result.IsCanceled) throw new IOException("read canceled");
            return result;
        }
        catch (OperationCanceledException) when (_readTimer.IsCancellationRequested)
        {
            throw new NetTimeoutException(idle);
        }
        finally
        {
            if (!_readTimer.TryReset())
            {
                _readTimer.Dispose();
                _readTimer = new CancellationTokenSource();
            }
        }
    }

    private void EnsurePayload(int size)
    {
        if (_payload is not null && _payload.Length >= size) return;
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(size, 256));
        if (_payload is not null)
        {
            _payload.AsSpan().CopyTo(next);
            ArrayPool<byte>.Shared.Return(_payload);
        }
        _payload = next;
    }

    /// <summary>Gives the last payload's array back, so an idle connection holds none.</summary>
    public void ReleasePayload()
    {
        if (_payload is null) return;
        ArrayPool<byte>.Shared.Return(_payload);
        _payload = null;
    }

    /// <summary>Frames a payload of any length into the pipe (not yet flushed).</summary>
    public void WritePacket(ReadOnlySpan<byte> payload)
    {
        var remaining = payload;
        while (true)
        {
            var chunk = Math.Min(remaining.Length, MaxPayloadChunk);
            var header = _writer.GetSpan(4);
            header[0] = (byte)chunk;
            header[1] = (byte)(chunk >> 8);
            header[2] = (byte)(chunk >> 16);
            header[3] = Sequence++;
            _writer.Advance(4);
            _writer.Write(remaining[..chunk]);
            _unflushed += 4 + chunk;
            remaining = remaining[chunk..];
            // A payload that is an exact multiple of 2^24-1 ends with an empty packet.
            if (chunk < MaxPayloadChunk) break;
        }
    }

    public void WritePacket(PayloadWriter payload)
    {
        WritePacket(payload.WrittenSpan);
        payload.Clear();
    }

    /// <summary>Flushes, giving up after net_write_timeout on a client that does not read.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask FlushAsync()
    {
        _unflushed = 0;
        _writeTimer.CancelAfter(_netWriteTimeout);
        try
        {
            var result = await _writer.FlushAsync(_writeTimer.Token).ConfigureAwait(false);
            if (result.IsCompleted || result.IsCanceled) throw new IOException("the client stopped reading");
        }
        catch (OperationCanceledException) when (_writeTimer.IsCancellationRequested)
        {
            throw new NetTimeoutException(false);
        }
        finally
        {
            if (!_writeTimer.TryReset())
            {
                _writeTimer.Dispose();
                _writeTimer = new CancellationTokenSource();
            }
        }
    }

    public async ValueTask CompleteAsync()
    {
        ReleasePayload();
        try
        {
            await _reader.CompleteAsync().ConfigureAwait(false);
            await _writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            // Completing flushes leftovers into a socket that may already be gone.
        }
        _readTimer.Dispose();
        _writeTimer.Dispose();
    }
}
