using System.Buffers;
using Borealis.Common.Net;

namespace Borealis.Common.Tests.Net;

public class FrameHeaderTests
{
    [Fact]
    public void Layout_is_frozen()
    {
        var bytes = new byte[FrameHeader.Size];
        new FrameHeader(0x0102_0304, 0x0506, 0x0708_090A_0B0C_0D0E).Write(bytes);
        Assert.Equal(Convert.FromHexString("04030201" + "0605" + "0000" + "0E0D0C0B0A090807"), bytes);
    }

    [Fact]
    public void Reads_frames_split_across_segments_and_reports_incomplete()
    {
        var frame = new byte[FrameHeader.Size + 3];
        new FrameHeader(3, 7, 42).Write(frame);
        frame[16] = 1; frame[17] = 2; frame[18] = 3;

        var partial = new ReadOnlySequence<byte>(frame.AsMemory(0, 18));
        Assert.Equal(FrameReadStatus.Incomplete, FrameHeader.TryRead(ref partial, 100, out _, out _));

        var buffer = Segmented(frame, 5);
        Assert.Equal(FrameReadStatus.Complete, FrameHeader.TryRead(ref buffer, 100, out var header, out var body));
        Assert.Equal(new FrameHeader(3, 7, 42), header);
        Assert.Equal(new byte[] { 1, 2, 3 }, body.ToArray());
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void Refuses_oversized_and_flagged_headers_before_the_body_arrives()
    {
        var header = new byte[FrameHeader.Size];
        new FrameHeader(101, 1, 1).Write(header);
        var buffer = new ReadOnlySequence<byte>(header);
        Assert.Equal(FrameReadStatus.TooLarge, FrameHeader.TryRead(ref buffer, 100, out _, out _));

        new FrameHeader(0, 1, 1).Write(header);
        header[6] = 1;
        buffer = new ReadOnlySequence<byte>(header);
        Assert.Equal(FrameReadStatus.Malformed, FrameHeader.TryRead(ref buffer, 100, out _, out _));
    }

    private static ReadOnlySequence<byte> Segmented(byte[] data, int segmentSize)
    {
        Segment? first = null, last = null;
        for (var at = 0; at < data.Length; at += segmentSize)
        {
            var next = new Segment(data.AsMemory(at, Math.Min(segmentSize, data.Length - at)), at);
            if (last is null) first = next; else last.SetNext(next);
            last = next;
        }
        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex) { Memory = memory; RunningIndex = runningIndex; }
        public void SetNext(Segment next) => Next = next;
    }
}
