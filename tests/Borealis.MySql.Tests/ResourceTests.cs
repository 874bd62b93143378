using System.Diagnostics;
using System.IO.Pipelines;
using Borealis.MySql.Protocol;
using Borealis.MySql.Server;
using Borealis.MySql.Tests.Harness;
using Xunit.Abstractions;

namespace Borealis.MySql.Tests;

/// <summary>Runs the measurements alone: other tests' allocations would count in process-wide figures.</summary>
[CollectionDefinition(nameof(ResourceTests), DisableParallelization = true)]
public sealed class ResourceTestsCollection;

/// <summary>What connections and rows cost: idle connections are cheap, rows allocate nothing.</summary>
[Collection(nameof(ResourceTests))]
public sealed class ResourceTests(ITestOutputHelper output)
{
    private const int IdleConnections = 2000;

    [Fact]
    public async Task Thousands_of_idle_connections_are_held_cheaply()
    {
        await using var server = TestServer.Start();
        var clients = new List<RawClient>(IdleConnections);
        try
        {
            // Warm up the paths (JIT, pools) before measuring.
            for (var i = 0; i < 20; i++) clients.Add(await LoginAsync(server));
            var threadsBefore = Process.GetCurrentProcess().Threads.Count;
            var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
            var workingSetBefore = Process.GetCurrentProcess().WorkingSet64;
            for (var i = 0; i < IdleConnections; i++) clients.Add(await LoginAsync(server));
            await Task.Delay(500);
            var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
            var process = Process.GetCurrentProcess();
            var workingSetAfter = process.WorkingSet64;
            var threadsAfter = process.Threads.Count;
            var heapPerConnection = (heapAfter - heapBefore) / IdleConnections;
            var workingSetPerConnection = (workingSetAfter - workingSetBefore) / IdleConnections;
            // Both ends live in this process, so the figures are an upper bound for the server side.
            output.WriteLine($"idle connections: {IdleConnections}; managed heap {heapPerConnection} B/connection; working set {workingSetPerConnection} B/connection; threads {threadsBefore} -> {threadsAfter}");
            Assert.Equal(IdleConnections + 20, server.Server.ConnectionCount);
            Assert.True(heapPerConnection < 16 * 1024, $"{heapPerConnection} B of managed heap per idle connection");
            // A thread per connection would add 2,000; the pool may still inject a few under load.
            Assert.True(threadsAfter < threadsBefore + 200, $"threads grew from {threadsBefore} to {threadsAfter}");

            // Every idle connection still answers.
            foreach (var client in clients.Where((_, i) => i % 100 == 0)) await RawProtocolTests.AssertPingAsync(client);
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }

    [Fact]
    public async Task Streaming_throughput_through_mysqlconnector()
    {
        await using var server = TestServer.Start();
        await using var connection = await server.OpenAsync();
        await using (var warmUp = new MySqlConnector.MySqlCommand("select rows 200000", connection))
        await using (var reader = await warmUp.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) { }
        }
        foreach (var prepared in new[] { false, true, false })
        {
            await using var command = new MySqlConnector.MySqlCommand("select rows 1000000", connection);
            if (prepared) await command.PrepareAsync();
            var watch = Stopwatch.StartNew();
            long sum = 0;
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync()) sum += reader.GetInt64(0);
            }
            watch.Stop();
            Assert.Equal(999_999L * 1_000_000 / 2, sum);
            output.WriteLine($"{(prepared ? "binary" : "text")} protocol: 1,000,000 rows in {watch.ElapsedMilliseconds} ms ({1_000_000 / watch.Elapsed.TotalSeconds:N0} rows/s, client and server on the same 2 cores)");
        }
    }

    private static async Task<RawClient> LoginAsync(TestServer server)
    {
        var client = await RawClient.ConnectAsync(server.Port);
        Assert.Equal(0x00, (await client.LoginAsync("native", "native-pass"))[0]);
        return client;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Writing_rows_allocates_nothing_per_row(bool binary)
    {
        // The writer over an in-memory pipe whose reader is drained on the same thread, so every
        // allocation on this thread is the writer's.
        var toClient = new Pipe(new PipeOptions(pauseWriterThreshold: 0, useSynchronizationContext: false));
        var fromClient = new Pipe();
        var channel = new PacketChannel(fromClient.Reader, toClient.Writer, 1 << 26, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), 64 * 1024);
        var writer = new MySqlResultWriter(channel);
        var session = new StubSession();

        async Task WriteAsync(int rows)
        {
            writer.Begin(session, CapabilityFlags.Protocol41 | CapabilityFlags.DeprecateEof, Collations.Utf8Mb4_0900_ai_ci, binary);
            writer.StartResultSet(TestSession.TypeColumns);
            for (var i = 0; i < rows; i++)
            {
                writer.StartRow();
                writer.WriteInt64(-5);
                writer.WriteUInt64(200);
                writer.WriteInt64(-30000);
                writer.WriteInt64(i);
                writer.WriteInt64(-2000000000);
                writer.WriteInt64(long.MinValue + i);
                writer.WriteUInt64(ulong.MaxValue - (ulong)i);
                writer.WriteFloat(1.5f);
                writer.WriteDouble(i * 0.25);
                writer.WriteDecimal(12345.678m);
                writer.WriteDateTime(new MySqlDateTime(2024, 2, 29));
                writer.WriteDateTime(new MySqlDateTime(2024, 2, 29, 13, 14, 15, i % 1000000));
                writer.WriteDateTime(new MySqlDateTime(2001, 2, 3, 4, 5, 6));
                writer.WriteTime(new MySqlTime(true, 34, 22, 59, 59));
                writer.WriteInt64(2024);
                writer.WriteString("héllo wörld"u8);
                writer.WriteNull();
                writer.WriteString("{\"a\": 1}"u8);
                writer.WriteUInt64(0xA5);
                writer.WriteString("b"u8);
                writer.WriteInt64(1);
                await writer.EndRowAsync();
                Drain(toClient.Reader);
            }
            writer.EndResultSet();
            writer.Finish();
            await channel.FlushAsync();
            Drain(toClient.Reader);
        }

        await WriteAsync(1000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        await WriteAsync(100);
        var small = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        await WriteAsync(20100);
        var large = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"{(binary ? "binary" : "text")} rows: 100 rows allocated {small} B, 20100 rows allocated {large} B");
        // 20,000 more rows may cost a few bytes more (pipe segments), never a per-row amount.
        Assert.True(large - small < 20_000, $"20,000 extra rows allocated {large - small} B");
    }

    private static void Drain(PipeReader reader)
    {
        while (reader.TryRead(out var result))
        {
            reader.AdvanceTo(result.Buffer.End);
            if (result.Buffer.IsEmpty) break;
        }
    }
}
