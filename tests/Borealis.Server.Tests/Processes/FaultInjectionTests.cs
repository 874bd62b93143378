using System.Diagnostics;
using Borealis.Common;
using Borealis.Redo;
using Borealis.Redo.Wire;
using Borealis.Volume;
using Xunit.Abstractions;

namespace Borealis.Server.Tests.Processes;

[CollectionDefinition("processes", DisableParallelization = true)]
public sealed class ProcessesCollection;

/// <summary>
/// Fault injection on a fleet of real storage-node processes: kill -9, SIGSTOP, restarts,
/// flipped and torn bytes on disk, stale writers. Every test checks the data it wrote.
/// </summary>
[Collection("processes")]
public sealed class FaultInjectionTests(ITestOutputHelper output) : IAsyncLifetime
{
    private ProcessFleet _fleet = null!;
    private readonly CounterModel _model = new();

    public async Task InitializeAsync() => _fleet = await ProcessFleet.StartAsync(output);

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    /// <summary>
    /// <paramref name="writers"/> tasks, each committing increasing values to its own page's
    /// counters one after another until <paramref name="stop"/>; returns the failures seen.
    /// </summary>
    private Task<List<Exception>> WriteAsync(Volume.Volume volume, int writers, CancellationToken stop, int firstPage = 0)
    {
        var failures = new List<Exception>();
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var page = new PageId((ulong)(firstPage + w));
            for (long i = 1; !stop.IsCancellationRequested; i++)
            {
                var slot = (int)(i % CounterModel.Slots);
                var value = w * 1_000_000L + i;
                _model.Attempt(page, slot, value);
                try
                {
                    using var mtr = CounterModel.Write(page, slot, value);
                    var lsn = await volume.CommitAsync(mtr);
                    _model.Ack(page, slot, value, lsn);
                }
#pragma warning disable CA1031 // every failure is collected and asserted on by the test
                catch (Exception e)
                {
                    lock (failures) failures.Add(e);
                    return;
                }
#pragma warning restore CA1031
            }
        }));
        return Task.WhenAll(tasks).ContinueWith(_ => failures, TaskScheduler.Default);
    }

    /// <summary>Reads every page the model knows through the volume and compares every counter.</summary>
    private async Task AssertVolumeHoldsModelAsync(Volume.Volume volume)
    {
        var buffer = new byte[PageFrame.PageSize];
        var problems = new List<string>();
        foreach (var page in _model.Pages)
        {
            await volume.ReadPageAsync(new PageId(page), buffer);
            problems.AddRange(_model.Check(page, buffer));
        }
        Assert.True(_model.Acknowledged > 0, "nothing was acknowledged");
        output.WriteLine($"checked {_model.Pages.Count} pages, {_model.Acknowledged} acknowledged writes, last at {_model.LastAcknowledged}, VDL {volume.Vdl}");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>Reads every page the model knows from one node directly, at <paramref name="readPoint"/>, and compares.</summary>
    private async Task AssertNodeHoldsModelAsync(StorageNodeProcess node, Lsn readPoint)
    {
        var channel = _fleet.Channel(node);
        var problems = new List<string>();
        var body = new byte[ReadPageRequest.Size];
        foreach (var page in _model.Pages)
        {
            new ReadPageRequest(ProcessFleet.Segment0, new PageId(page), readPoint).Write(body);
            using var reply = await channel.SendAsync(StorageMessageType.ReadPage, body, TimeSpan.FromSeconds(5));
            Assert.True(reply.IsOk, $"node {node.Address} page {page} at {readPoint}: {reply}");
            Assert.True(PageFrame.Verify(reply.Payload.Span), $"node {node.Address} page {page} fails its CRC");
            problems.AddRange(_model.Check(page, reply.Payload.Span));
        }
        Assert.True(problems.Count == 0, $"node {node.Address}:\n" + string.Join("\n", problems));
    }

    [Theory]
    [InlineData(1, 4)] // two zones
    [InlineData(2, 3)] // one whole zone
    public async Task Killing_any_two_nodes_while_writing_loses_no_acknowledged_write(int first, int second)
    {
        await using var volume = await _fleet.CreateVolumeAsync();
        using var stop = new CancellationTokenSource();
        var writing = WriteAsync(volume, 8, stop.Token);
        await Task.Delay(1000);
        var before = _model.Acknowledged;
        _fleet.Nodes[first].Kill9();
        _fleet.Nodes[second].Kill9();
        await Task.Delay(1500);
        var afterKill = _model.Acknowledged;
        await stop.CancelAsync();
        var failures = await writing;

        Assert.True(failures.Count == 0, "commits failed: " + string.Join("\n", failures.Select(f => f.Message)));
        Assert.True(afterKill > before + 50, $"writes did not go on after the kills: {before} acknowledged before, {afterKill} after");
        Assert.True(volume.Vdl >= _model.LastAcknowledged);
        await AssertVolumeHoldsModelAsync(volume);
    }

    /// <summary>Writes <paramref name="count"/> values to one counter per page, one commit after another.</summary>
    private async Task WriteSequentiallyAsync(Volume.Volume volume, int count, int pages = 4, long offset = 0)
    {
        for (var i = 0; i < count; i++)
        {
            var page = new PageId((ulong)(i % pages));
            var slot = i / pages % CounterModel.Slots;
            var value = offset + i + 1;
            _model.Attempt(page, slot, value);
            using var mtr = CounterModel.Write(page, slot, value);
            _model.Ack(page, slot, value, await volume.CommitAsync(mtr));
        }
    }

    [Fact]
    public async Task Losing_a_zone_and_one_more_stalls_writes_until_the_dead_segments_are_replaced()
    {
        await using var volume = await _fleet.CreateVolumeAsync();
        await WriteSequentiallyAsync(volume, 100);
        var dead = new[] { _fleet.Nodes[0], _fleet.Nodes[1], _fleet.Nodes[2] }; // zone a and one of zone b
        foreach (var node in dead) node.Kill9();

        // Reads go on: three segments are a read quorum, and the writer reads from one complete one.
        await AssertVolumeHoldsModelAsync(volume);

        // Writes stall with a diagnosis.
        var stalledPage = new PageId(9);
        _model.Attempt(stalledPage, 0, 77);
        var started = Stopwatch.StartNew();
        var stalled = await Assert.ThrowsAsync<VolumeUnavailableException>(async () =>
        {
            using var mtr = CounterModel.Write(stalledPage, 0, 77);
            await volume.CommitAsync(mtr);
        });
        Assert.Contains("no write quorum", stalled.Message, StringComparison.Ordinal);
        Assert.Contains("3/6 segments reachable", stalled.Message, StringComparison.Ordinal);
        Assert.True(started.Elapsed < ProcessFleet.FastVolume.CommitTimeout * 2, $"the stall was reported after {started.Elapsed}");
        await AssertVolumeHoldsModelAsync(volume);

        // Three new nodes in the dead ones' zones take over their segments.
        var fresh = await Task.WhenAll(dead.Select(d => _fleet.StartNodeAsync(d.Address.Zone)));
        var replacements = dead.Zip(fresh).ToDictionary(p => p.First.Address, p => p.Second.Address);
        await volume.ReplaceSegmentsAsync(new ProtectionGroupId(0), replacements);
        var members = (await _fleet.Metadata.GetVolumeAsync(ProcessFleet.VolumeId))!.Groups[0];
        Assert.Null(members.Next);
        Assert.Equal(_fleet.Nodes.Skip(3).Select(n => n.Address).Concat(fresh.Select(f => f.Address)).ToHashSet(), members.Current.ToHashSet());

        // Writes resume, and everything acknowledged before and after reads back.
        await WriteSequentiallyAsync(volume, 100, offset: 1000);
        Assert.True(volume.Vdl >= _model.LastAcknowledged);
        await AssertVolumeHoldsModelAsync(volume);
        foreach (var node in fresh)
        {
            await _fleet.WaitForSclAsync(node, volume.Vdl, TimeSpan.FromSeconds(10));
            await AssertNodeHoldsModelAsync(node, volume.Vdl);
        }
    }

    [Fact]
    public async Task A_stopped_node_does_not_slow_commits_and_catches_up_when_continued()
    {
        await using var volume = await _fleet.CreateVolumeAsync();
        await WriteSequentiallyAsync(volume, 50);
        var stopped = _fleet.Nodes[3];
        stopped.Stop();
        try
        {
            var latencies = new List<TimeSpan>();
            for (var i = 0; i < 150; i++)
            {
                var started = Stopwatch.StartNew();
                await WriteSequentiallyAsync(volume, 1, offset: 1000 + i);
                latencies.Add(started.Elapsed);
            }
            latencies.Sort();
            var median = latencies[latencies.Count / 2];
            output.WriteLine($"commit latency with a stopped node: median {median.TotalMilliseconds:0.0} ms, max {latencies[^1].TotalMilliseconds:0.0} ms");
            // Normal latency is a few milliseconds; waiting on the stopped node would cost the send timeout (2 s).
            Assert.True(median < TimeSpan.FromMilliseconds(100), $"median commit latency {median} with one node stopped");
            Assert.True(latencies[^1] < TimeSpan.FromMilliseconds(1000), $"slowest commit took {latencies[^1]} with one node stopped");
        }
        finally
        {
            stopped.Continue();
        }
        var vdl = volume.Vdl;
        Assert.True(vdl >= _model.LastAcknowledged);
        await _fleet.WaitForSclAsync(stopped, vdl, TimeSpan.FromSeconds(10));
        await AssertNodeHoldsModelAsync(stopped, vdl);
        await AssertVolumeHoldsModelAsync(volume);
    }

    [Fact]
    public async Task Restarted_nodes_catch_up_by_gossip()
    {
        await using var volume = await _fleet.CreateVolumeAsync();
        await WriteSequentiallyAsync(volume, 50);
        var restarted = new[] { _fleet.Nodes[0], _fleet.Nodes[5] };
        foreach (var node in restarted) node.Kill9();
        await WriteSequentiallyAsync(volume, 200, offset: 1000);
        var vdl = volume.Vdl;
        foreach (var node in restarted)
        {
            Assert.True(await _fleet.SclOfAsync(node) is null, $"{node.Address} answers while dead");
            await node.RestartAsync();
        }
        // No more writes: only gossip between the nodes can bring the restarted ones to VDL.
        foreach (var node in restarted)
        {
            await _fleet.WaitForSclAsync(node, vdl, TimeSpan.FromSeconds(5));
            await AssertNodeHoldsModelAsync(node, vdl);
        }
    }

    private async Task<ScrubReport> ScrubAsync(StorageNodeProcess node)
    {
        var body = new byte[SegmentAddress.Size];
        new SegmentAddress(ProcessFleet.Segment0).Write(body);
        using var reply = await _fleet.Channel(node).SendAsync(StorageMessageType.Scrub, body, TimeSpan.FromSeconds(20));
        Assert.True(reply.IsOk, $"scrub on {node.Address}: {reply}");
        Assert.True(ScrubReport.TryRead(reply.Payload.Span, out var report), "malformed scrub report");
        output.WriteLine($"scrub on {node.Address}: {report}");
        return report;
    }

    /// <summary>The (offset, length) of every whole, valid entry of a log chunk, from its start; stops at the first that is not.</summary>
    private static List<(int Offset, int Length)> Entries(byte[] chunk)
    {
        var entries = new List<(int, int)>();
        var offset = 0;
        while (offset < chunk.Length && RedoBatchHeader.TryRead(chunk.AsSpan(offset), out var h) && h.Length <= chunk.Length - offset
               && RedoBatchHeader.TryValidate(chunk.AsSpan(offset, h.Length), out _))
        {
            entries.Add((offset, h.Length));
            offset += h.Length;
        }
        return entries;
    }

    /// <summary>
    /// Flips a byte in the records of the log entry in the middle of a node's last chunk:
    /// entries follow it, so it is damage, not a torn tail. Returns where, what was there, and
    /// the LSN the damaged entry starts after.
    /// </summary>
    private static async Task<(string Path, int At, byte Original, Lsn PrevLsn)> FlipByteInTheMiddleAsync(StorageNodeProcess node)
    {
        var path = ProcessFleet.LastLogChunk(node);
        var bytes = await File.ReadAllBytesAsync(path);
        var entries = Entries(bytes);
        Assert.True(entries.Count > 10, $"only {entries.Count} entries in {path}");
        var (offset, length) = entries[entries.Count / 2];
        Assert.True(length > RedoBatchHeader.Size, "the entry in the middle holds no records");
        Assert.True(RedoBatchHeader.TryRead(bytes.AsSpan(offset), out var header));
        var at = offset + RedoBatchHeader.Size + (length - RedoBatchHeader.Size) / 2;
        var original = bytes[at];
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            file.Position = at;
            file.WriteByte((byte)(original ^ 0x5A));
        }
        return (path, at, original, header.PrevLsn);
    }

    private static async Task AssertByteAsync(string path, int at, byte expected)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        file.Position = at;
        Assert.Equal(expected, (byte)file.ReadByte());
    }

    [Fact]
    public async Task Scrub_repairs_a_byte_flipped_under_a_running_node()
    {
        await using var volume = await _fleet.CreateVolumeAsync();
        await WriteSequentiallyAsync(volume, 200);
        var node = _fleet.Nodes[4];
        var (path, at, original, _) = await FlipByteInTheMiddleAsync(node);

        var first = await ScrubAsync(node);
        Assert.True(first.Corrupt >= 1, $"scrub missed the flipped byte: {first}");
        Assert.True(first.Repaired >= 1, $"scrub repaired nothing: {first}");
        Assert.Equal(0, (await ScrubAsync(node)).Corrupt);
        await AssertByteAsync(path, at, original);

        // The node still serves every acknowledged value, and still takes writes.
        await AssertNodeHoldsModelAsync(node, volume.Vdl);
        await WriteSequentiallyAsync(volume, 20, offset: 1000);
        await _fleet.WaitForSclAsync(node, volume.Vdl, TimeSpan.FromSeconds(5));
        await AssertNodeHoldsModelAsync(node, volume.Vdl);
    }

    [Fact]
    public async Task Scrub_finds_and_repairs_a_flipped_byte_in_a_log_chunk()
    {
        await using var volume = await _fleet.CreateVolumeAsync();
        await WriteSequentiallyAsync(volume, 200);
        var vdl = volume.Vdl;
        var node = _fleet.Nodes[2];
        node.Kill9();

        var (path, at, original, prevLsn) = await FlipByteInTheMiddleAsync(node);
        // Gossip would also fill the hole (by fetching the batch again and appending it): with
        // gossip off, the scrub's repair is all that can bring this node to VDL.
        await node.RestartAsync(gossipMs: 600_000);
        Assert.Equal(prevLsn, await _fleet.SclOfAsync(node)); // the chain stops at the damaged entry

        var first = await ScrubAsync(node);
        Assert.True(first.Corrupt >= 1, $"scrub missed the flipped byte: {first}");
        Assert.True(first.Repaired >= 1, $"scrub repaired nothing: {first}");
        var second = await ScrubAsync(node);
        Assert.Equal(0, second.Corrupt);

        // The good bytes are back on disk, and the node itself serves every acknowledged value.
        await AssertByteAsync(path, at, original);
        await _fleet.WaitForSclAsync(node, vdl, TimeSpan.FromSeconds(5));
        await AssertNodeHoldsModelAsync(node, vdl);
    }

    [Fact]
    public async Task A_writer_with_an_old_epoch_is_fenced()
    {
        var old = await _fleet.CreateVolumeAsync();
        try
        {
            await WriteSequentiallyAsync(old, 50);
            await using var newer = await _fleet.OpenVolumeAsync();
            Assert.True(newer.Epoch > old.Epoch);
            Assert.True(newer.Vdl >= _model.LastAcknowledged, $"the new writer opened at {newer.Vdl}, below the acknowledged {_model.LastAcknowledged}");

            var page = new PageId(0);
            var fenced = await Assert.ThrowsAsync<VolumeFencedException>(async () =>
            {
                using var mtr = CounterModel.Write(page, 0, -1);
                await old.CommitAsync(mtr);
            });
            Assert.Contains("newer writer", fenced.Message, StringComparison.Ordinal);

            await WriteSequentiallyAsync(newer, 50, offset: 1000);
            await AssertVolumeHoldsModelAsync(newer); // also: the refused -1 is nowhere
            foreach (var node in _fleet.Nodes) await AssertNodeHoldsModelAsync(node, newer.Vdl);
        }
        finally
        {
            await old.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_torn_tail_is_cut_at_restart_and_the_node_catches_up()
    {
        await using var volume = await _fleet.CreateVolumeAsync();
        var node = _fleet.Nodes[3];
        using (var stop = new CancellationTokenSource())
        {
            var writing = WriteAsync(volume, 8, stop.Token);
            await Task.Delay(1000);
            node.Kill9();
            await Task.Delay(500);
            await stop.CancelAsync();
            var failures = await writing;
            Assert.True(failures.Count == 0, "commits failed: " + string.Join("\n", failures.Select(f => f.Message)));
        }
        var vdl = volume.Vdl;

        // A crash in the middle of an append: half of an entry, then bytes that were never written.
        var path = ProcessFleet.LastLogChunk(node);
        var bytes = await File.ReadAllBytesAsync(path);
        var entries = Entries(bytes);
        Assert.NotEmpty(entries);
        var (offset, length) = entries[^1];
        var torn = bytes.AsSpan(offset, length / 2).ToArray().Concat(Enumerable.Range(0, 37).Select(i => (byte)(i * 7 + 1))).ToArray();
        var end = offset + length;
        // The chunk is preallocated (zero-filled): the torn write lands right after the last entry.
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            file.Position = end;
            await file.WriteAsync(torn);
        }

        await node.RestartAsync();
        var cut = System.Text.RegularExpressions.Regex.Match(node.Output, @"cut torn tail of \S+ at (\d+) \((\d+) bytes\)");
        Assert.True(cut.Success, "the restarted node reported no torn tail:\n" + node.Output);
        Assert.True(long.Parse(cut.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) >= torn.Length, cut.Value);
        Assert.True(long.Parse(cut.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) <= end, cut.Value);

        await _fleet.WaitForSclAsync(node, vdl, TimeSpan.FromSeconds(10));
        await AssertNodeHoldsModelAsync(node, vdl);
        await AssertVolumeHoldsModelAsync(volume);
        // What it appended since lies after the cut: the chunk is whole entries again, then zeros.
        var after = await File.ReadAllBytesAsync(path);
        var whole = Entries(after).Sum(e => e.Length);
        Assert.True(after.AsSpan(whole).IndexOfAnyExcept((byte)0) < 0, "junk remains after the last entry");
        Assert.DoesNotMatch(@"damaged (log entry|bytes|tail)", node.Output); // a torn tail is not damage
    }

    [Fact]
    public async Task A_writer_dropped_mid_write_loses_nothing_it_acknowledged()
    {
        var volume = await _fleet.CreateVolumeAsync();
        using var stop = new CancellationTokenSource();
        var writing = WriteAsync(volume, 8, stop.Token);
        await Task.Delay(1500);
        var ackedBefore = _model.Acknowledged;
        await volume.DisposeAsync(); // no flush, no clean stop: in-flight commits are abandoned
        await stop.CancelAsync();
        await writing;
        output.WriteLine($"{ackedBefore} acknowledged before the writer was dropped, {_model.Acknowledged} in all");
        Assert.True(ackedBefore > 100, $"only {ackedBefore} writes acknowledged before the drop");

        await using var reopened = await _fleet.OpenVolumeAsync();
        Assert.True(reopened.Vdl >= _model.LastAcknowledged, $"reopened at VDL {reopened.Vdl}, but {_model.LastAcknowledged} was acknowledged");
        await AssertVolumeHoldsModelAsync(reopened);
        // And the new writer goes on from there.
        await WriteSequentiallyAsync(reopened, 50, pages: 8, offset: 10_000_000);
        await AssertVolumeHoldsModelAsync(reopened);
    }
}
