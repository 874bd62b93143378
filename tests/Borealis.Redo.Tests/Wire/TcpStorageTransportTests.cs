using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Borealis.Common;
using Borealis.Common.Net;
using Borealis.Redo.Wire;

namespace Borealis.Redo.Tests.Wire;

public class TcpStorageTransportTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    /// <summary>Answers Ok with the request body as payload; Status requests wait for a release; Scrub throws.</summary>
    private sealed class FakeEndpoint : IStorageEndpoint
    {
        public ConcurrentQueue<(StorageMessageType Type, byte First)> Arrivals { get; } = new();
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask<StorageReply> HandleAsync(StorageMessageType type, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
        {
            Arrivals.Enqueue((type, body.Span[0]));
            return type switch
            {
                StorageMessageType.Scrub => throw new InvalidOperationException("scrub exploded"),
                StorageMessageType.Truncate => FailLaterAsync(),
                StorageMessageType.Status => ReplyLaterAsync(body),
                _ => ValueTask.FromResult(Ok(body)),
            };
        }

        private static StorageReply Ok(ReadOnlyMemory<byte> body) => new(ReplyStatus.Ok, new Lsn(77), new Epoch(3), body.ToArray());

        private async ValueTask<StorageReply> ReplyLaterAsync(ReadOnlyMemory<byte> body)
        {
            await Release.Task;
            return Ok(body);
        }

        private static async ValueTask<StorageReply> FailLaterAsync()
        {
            await Task.Yield();
            throw new InvalidOperationException("truncate exploded");
        }
    }

    private static NodeAddress Address(int port) => new("127.0.0.1", port, "az1");

    [Fact]
    public async Task Round_trip_carries_status_scl_epoch_and_payload()
    {
        await using var server = new TcpStorageServer(new IPEndPoint(IPAddress.Loopback, 0), new FakeEndpoint());
        await using var channel = new TcpStorageTransport().Open(Address(server.Port));
        using var reply = await channel.SendAsync(StorageMessageType.ReadPage, new byte[] { 9, 8, 7 }, Long);
        Assert.Equal(ReplyStatus.Ok, reply.Status);
        Assert.Equal(new Lsn(77), reply.Scl);
        Assert.Equal(new Epoch(3), reply.Epoch);
        Assert.Equal(new byte[] { 9, 8, 7 }, reply.Payload.ToArray());
    }

    [Fact]
    public async Task Requests_reach_the_endpoint_in_send_order_and_slow_replies_do_not_hold_fast_ones()
    {
        var endpoint = new FakeEndpoint();
        await using var server = new TcpStorageServer(new IPEndPoint(IPAddress.Loopback, 0), endpoint);
        await using var channel = new TcpStorageTransport().Open(Address(server.Port));

        var slow = channel.SendAsync(StorageMessageType.Status, new byte[] { 0 }, Long);
        var fast = new List<ValueTask<StorageReply>>();
        for (byte i = 1; i <= 100; i++) fast.Add(channel.SendAsync(StorageMessageType.Append, new[] { i }, Long));
        for (var i = 0; i < fast.Count; i++)
        {
            using var reply = await fast[i];
            Assert.True(reply.IsOk, reply.ToString());
            Assert.Equal(i + 1, reply.Payload.Span[0]);
        }
        Assert.False(slow.IsCompleted);
        endpoint.Release.SetResult();
        using (var late = await slow) Assert.True(late.IsOk, late.ToString());

        Assert.Equal(Enumerable.Range(0, 101).Select(i => (byte)i), endpoint.Arrivals.Select(a => a.First));
    }

    [Theory]
    [InlineData(StorageMessageType.Scrub, "scrub exploded")]
    [InlineData(StorageMessageType.Truncate, "truncate exploded")]
    public async Task An_endpoint_exception_becomes_an_Internal_reply_and_the_connection_survives(StorageMessageType type, string message)
    {
        await using var server = new TcpStorageServer(new IPEndPoint(IPAddress.Loopback, 0), new FakeEndpoint());
        await using var channel = new TcpStorageTransport().Open(Address(server.Port));
        using (var reply = await channel.SendAsync(type, new byte[] { 1 }, Long))
        {
            Assert.Equal(ReplyStatus.Internal, reply.Status);
            Assert.Equal(message, reply.Message);
        }
        using var after = await channel.SendAsync(StorageMessageType.Append, new byte[] { 2 }, Long);
        Assert.True(after.IsOk, after.ToString());
    }

    [Theory]
    [InlineData((StorageMessageType)0)]
    [InlineData((StorageMessageType)99)]
    [InlineData(StorageMessageType.Reply)]
    public async Task An_unknown_message_type_gets_BadRequest_without_reaching_the_endpoint(StorageMessageType type)
    {
        var endpoint = new FakeEndpoint();
        await using var server = new TcpStorageServer(new IPEndPoint(IPAddress.Loopback, 0), endpoint);
        await using var channel = new TcpStorageTransport().Open(Address(server.Port));
        using var reply = await channel.SendAsync(type, new byte[] { 1 }, Long);
        Assert.Equal(ReplyStatus.BadRequest, reply.Status);
        Assert.Empty(endpoint.Arrivals);
    }

    [Fact]
    public async Task No_listener_is_Unreachable_quickly()
    {
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }
        await using var channel = new TcpStorageTransport().Open(Address(port));
        var watch = Stopwatch.StartNew();
        using var reply = await channel.SendAsync(StorageMessageType.Append, new byte[] { 1 }, Long);
        Assert.Equal(ReplyStatus.Unreachable, reply.Status);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), watch.Elapsed.ToString());
    }

    [Fact]
    public async Task A_slow_node_is_Unreachable_after_the_timeout()
    {
        await using var server = new TcpStorageServer(new IPEndPoint(IPAddress.Loopback, 0), new FakeEndpoint());
        await using var channel = new TcpStorageTransport().Open(Address(server.Port));
        using var reply = await channel.SendAsync(StorageMessageType.Status, new byte[] { 1 }, TimeSpan.FromMilliseconds(200));
        Assert.Equal(ReplyStatus.Unreachable, reply.Status);
        Assert.Contains("TimedOut", reply.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stopped_node_is_Unreachable_within_the_timeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var channel = new TcpStorageTransport(options: new FramedTcpOptions { MaxUnsentBytes = 1024 * 1024 }).Open(Address(port));

        var body = new byte[128 * 1024];
        var watch = Stopwatch.StartNew();
        var sends = Enumerable.Range(0, 200).Select(_ => channel.SendAsync(StorageMessageType.Append, body, TimeSpan.FromMilliseconds(300))).ToList();
        foreach (var send in sends)
        {
            using var reply = await send;
            Assert.Equal(ReplyStatus.Unreachable, reply.Status);
        }
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), watch.Elapsed.ToString());
    }

    [Fact]
    public async Task Server_shutdown_makes_pending_requests_Unreachable()
    {
        var server = new TcpStorageServer(new IPEndPoint(IPAddress.Loopback, 0), new FakeEndpoint());
        await using var channel = new TcpStorageTransport().Open(Address(server.Port));
        var pending = channel.SendAsync(StorageMessageType.Status, new byte[] { 1 }, Long);
        await Task.Delay(100);
        await server.DisposeAsync();
        using var reply = await pending;
        Assert.Equal(ReplyStatus.Unreachable, reply.Status);
    }
}
