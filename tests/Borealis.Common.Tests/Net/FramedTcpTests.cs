using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Borealis.Common.Net;

namespace Borealis.Common.Tests.Net;

public class FramedTcpTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Pipelined_requests_get_their_own_replies_when_replies_complete_out_of_order()
    {
        var handler = new ScriptedHandler { HoldOdd = true };
        await using var server = new FramedTcpServer<BytesReplyFrame>(TestNet.Loopback, handler);
        await using var client = new FramedTcpClient(server.LocalEndPoint);

        const int count = 500;
        var sent = new List<ValueTask<FrameResult>>();
        var body = new byte[8];
        for (ulong i = 0; i < count; i++)
        {
            // One buffer for all sends: the client must have copied it when SendAsync returns.
            BitConverter.TryWriteBytes(body, i);
            sent.Add(client.SendAsync(10, body, Long));
        }
        await WaitUntil(() => handler.Arrivals.Count == count);
        Assert.Equal(count / 2, handler.HeldCount);
        handler.ReleaseAllInReverse();

        for (ulong i = 0; i < count; i++)
        {
            using var reply = await sent[(int)i];
            Assert.True(reply.IsSuccess, reply.ToString());
            Assert.Equal(11, reply.Type);
            Assert.Equal(i, BitConverter.ToUInt64(reply.Body.Span));
        }
        Assert.Equal(Enumerable.Range(0, count).Select(i => (ulong)i), handler.Arrivals);
    }

    [Fact]
    public async Task Handler_is_invoked_in_send_order_even_from_many_threads()
    {
        var handler = new ScriptedHandler { HoldAll = true };
        await using var server = new FramedTcpServer<BytesReplyFrame>(TestNet.Loopback, handler);
        await using var client = new FramedTcpClient(server.LocalEndPoint);

        // Correlation ids are assigned in send order, so arrival order is checked against them.
        var order = new List<ulong>();
        var sends = new List<ValueTask<FrameResult>>();
        var gate = new object();
        Parallel.For(0, 200, i =>
        {
            lock (gate)
            {
                order.Add((ulong)i);
                sends.Add(client.SendAsync(1, TestNet.Body((ulong)i), Long));
            }
        });
        await WaitUntil(() => handler.Arrivals.Count == 200);
        Assert.Equal(order, handler.Arrivals);
        handler.ReleaseAllInReverse();
        foreach (var send in sends) (await send).Dispose();
    }

    [Theory]
    [InlineData("oversized")]
    [InlineData("garbage-ff")]
    [InlineData("garbage-http")]
    public async Task A_bad_frame_closes_its_connection_and_the_server_keeps_serving_others(string kind)
    {
        var handler = new ScriptedHandler();
        await using var server = new FramedTcpServer<BytesReplyFrame>(TestNet.Loopback, handler, options: new FramedTcpOptions { MaxBodySize = 1024 });
        await using var good = new FramedTcpClient(server.LocalEndPoint);
        using (var first = await good.SendAsync(1, TestNet.Body(1), Long)) Assert.True(first.IsSuccess);

        using var bad = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await bad.ConnectAsync(server.LocalEndPoint);
        var bytes = new byte[64];
        switch (kind)
        {
            case "oversized": new FrameHeader(2048, 1, 1).Write(bytes); break;
            case "garbage-ff": bytes.AsSpan().Fill(0xFF); break;
            default: bytes = "GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray(); break;
        }
        await bad.SendAsync(bytes, SocketFlags.None);
        Assert.True(await TestNet.ClosedByPeerAsync(bad, Long));

        using var second = await good.SendAsync(1, TestNet.Body(2), Long);
        Assert.True(second.IsSuccess, second.ToString());
        Assert.Equal(new ulong[] { 1, 2 }, handler.Arrivals);
    }

    [Fact]
    public async Task A_truncated_frame_then_disconnect_is_dropped_without_calling_the_handler()
    {
        var handler = new ScriptedHandler();
        await using var server = new FramedTcpServer<BytesReplyFrame>(TestNet.Loopback, handler);
        using (var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await raw.ConnectAsync(server.LocalEndPoint);
            var bytes = new byte[FrameHeader.Size + 10];
            new FrameHeader(100, 1, 1).Write(bytes);
            await raw.SendAsync(bytes, SocketFlags.None);
            raw.Shutdown(SocketShutdown.Send);
            Assert.True(await TestNet.ClosedByPeerAsync(raw, Long));
        }
        // Half a header, then gone.
        using (var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await raw.ConnectAsync(server.LocalEndPoint);
            await raw.SendAsync(new byte[7], SocketFlags.None);
        }
        await WaitUntil(() => server.ConnectionCount == 0);

        await using var client = new FramedTcpClient(server.LocalEndPoint);
        using var reply = await client.SendAsync(1, TestNet.Body(5), Long);
        Assert.True(reply.IsSuccess, reply.ToString());
        Assert.Equal(new ulong[] { 5 }, handler.Arrivals);
    }

    [Fact]
    public async Task No_listener_fails_fast_and_backs_off_before_reconnecting()
    {
        await using var client = new FramedTcpClient(new IPEndPoint(IPAddress.Loopback, TestNet.FreePort()),
            options: new FramedTcpOptions { ReconnectBackoff = TimeSpan.FromSeconds(30) });
        var watch = Stopwatch.StartNew();
        var result = await client.SendAsync(1, TestNet.Body(1), Long);
        Assert.Equal(FrameFailure.ConnectFailed, result.Failure);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), watch.Elapsed.ToString());

        // Inside the backoff the failure is immediate: no new connect attempt.
        var again = client.SendAsync(1, TestNet.Body(2), Long);
        Assert.True(again.IsCompleted);
        var refused = await again;
        Assert.Equal(FrameFailure.ConnectFailed, refused.Failure);
        Assert.Contains("waiting to reconnect", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconnects_after_the_backoff_once_the_node_is_back()
    {
        var port = TestNet.FreePort();
        await using var client = new FramedTcpClient(new IPEndPoint(IPAddress.Loopback, port),
            options: new FramedTcpOptions { ReconnectBackoff = TimeSpan.FromMilliseconds(100) });
        Assert.Equal(FrameFailure.ConnectFailed, (await client.SendAsync(1, TestNet.Body(1), Long)).Failure);

        await using var server = new FramedTcpServer<BytesReplyFrame>(new IPEndPoint(IPAddress.Loopback, port), new ScriptedHandler());
        await Task.Delay(150);
        using var reply = await client.SendAsync(1, TestNet.Body(2), Long);
        Assert.True(reply.IsSuccess, reply.ToString());
    }

    [Fact]
    public async Task A_request_without_a_reply_times_out()
    {
        var handler = new ScriptedHandler { HoldAll = true };
        await using var server = new FramedTcpServer<BytesReplyFrame>(TestNet.Loopback, handler);
        await using var client = new FramedTcpClient(server.LocalEndPoint);
        var watch = Stopwatch.StartNew();
        var result = await client.SendAsync(1, TestNet.Body(1), TimeSpan.FromMilliseconds(200));
        Assert.Equal(FrameFailure.TimedOut, result.Failure);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(3));
        Assert.Equal(0, client.PendingCount);

        // The late reply is dropped and the connection stays usable.
        handler.ReleaseAllInReverse();
        var next = client.SendAsync(1, TestNet.Body(2), Long);
        await WaitUntil(() => handler.HeldCount == 1);
        handler.ReleaseAllInReverse();
        using var reply = await next;
        Assert.True(reply.IsSuccess, reply.ToString());
        Assert.Equal(2UL, BitConverter.ToUInt64(reply.Body.Span));
    }

    [Fact]
    public async Task Cancellation_completes_the_request_as_cancelled()
    {
        var handler = new ScriptedHandler { HoldAll = true };
        await using var server = new FramedTcpServer<BytesReplyFrame>(TestNet.Loopback, handler);
        await using var client = new FramedTcpClient(server.LocalEndPoint);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var result = await client.SendAsync(1, TestNet.Body(1), Long, cts.Token);
        Assert.Equal(FrameFailure.Cancelled, result.Failure);
    }

    [Fact]
    public async Task A_peer_that_never_reads_does_not_block_the_sender()
    {
        // A stopped (SIGSTOPped) node: the connection is accepted, nothing is ever read.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = listener.AcceptSocketAsync();
        var options = new FramedTcpOptions { MaxUnsentBytes = 4 * 1024 * 1024 };
        await using var client = new FramedTcpClient(listener.LocalEndpoint, options: options);

        var body = new byte[256 * 1024];
        var timeout = TimeSpan.FromMilliseconds(500);
        var watch = Stopwatch.StartNew();
        var sends = new List<ValueTask<FrameResult>>();
        var slowestCall = TimeSpan.Zero;
        for (var i = 0; i < 400; i++)
        {
            var before = watch.Elapsed;
            sends.Add(client.SendAsync(1, body, timeout));
            var call = watch.Elapsed - before;
            if (call > slowestCall) slowestCall = call;
        }
        var failures = new List<FrameFailure>();
        foreach (var send in sends) failures.Add((await send).Failure);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), watch.Elapsed.ToString());
        Assert.True(slowestCall < TimeSpan.FromMilliseconds(250), $"a SendAsync call blocked for {slowestCall}");
        Assert.DoesNotContain(FrameFailure.None, failures);
        Assert.Contains(FrameFailure.Overloaded, failures);
        Assert.Contains(FrameFailure.TimedOut, failures);
        (await accepted).Dispose();
    }

    [Fact]
    public async Task Server_shutdown_fails_pending_requests()
    {
        var handler = new ScriptedHandler { HoldAll = true };
        var server = new FramedTcpServer<BytesReplyFrame>(TestNet.Loopback, handler);
        await using var client = new FramedTcpClient(server.LocalEndPoint);
        var pending = Enumerable.Range(0, 10).Select(i => client.SendAsync(1, TestNet.Body((ulong)i), Long)).ToList();
        await WaitUntil(() => handler.HeldCount == 10);

        var watch = Stopwatch.StartNew();
        await server.DisposeAsync();
        foreach (var p in pending) Assert.Equal(FrameFailure.ConnectionLost, (await p).Failure);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), watch.Elapsed.ToString());
        handler.ReleaseAllInReverse(); // late replies find their connection gone and must not throw
    }

    [Fact]
    public async Task A_throwing_handler_closes_only_that_connection()
    {
        await using var server = new FramedTcpServer<BytesReplyFrame>(TestNet.Loopback, new ScriptedHandler { Throw = true });
        await using var client = new FramedTcpClient(server.LocalEndPoint);
        var result = await client.SendAsync(1, TestNet.Body(1), Long);
        Assert.Equal(FrameFailure.ConnectionLost, result.Failure);
    }

    [Fact]
    public async Task Disposing_the_client_fails_pending_requests_and_later_sends()
    {
        var handler = new ScriptedHandler { HoldAll = true };
        await using var server = new FramedTcpServer<BytesReplyFrame>(TestNet.Loopback, handler);
        var client = new FramedTcpClient(server.LocalEndPoint);
        var pending = client.SendAsync(1, TestNet.Body(1), Long);
        await WaitUntil(() => handler.HeldCount == 1);
        await client.DisposeAsync();
        Assert.Equal(FrameFailure.Disposed, (await pending).Failure);
        Assert.Equal(FrameFailure.Disposed, (await client.SendAsync(1, TestNet.Body(2), Long)).Failure);
        handler.ReleaseAllInReverse();
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > Long) throw new TimeoutException("condition not met");
            await Task.Delay(5);
        }
    }
}
