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

    [Fact]
    public async Task Killing_any_two_nodes_while_writing_loses_no_acknowledged_write()
    {
        await using var volume = await _fleet.CreateVolumeAsync();
        using var stop = new CancellationTokenSource();
        var writing = WriteAsync(volume, 8, stop.Token);
        await Task.Delay(1000);
        var before = _model.Acknowledged;
        _fleet.Nodes[1].Kill9(); // zone a
        _fleet.Nodes[4].Kill9(); // zone c
        await Task.Delay(1500);
        var afterKill = _model.Acknowledged;
        await stop.CancelAsync();
        var failures = await writing;

        Assert.True(failures.Count == 0, "commits failed: " + string.Join("\n", failures.Select(f => f.Message)));
        Assert.True(afterKill > before + 50, $"writes did not go on after the kills: {before} acknowledged before, {afterKill} after");
        Assert.True(volume.Vdl >= _model.LastAcknowledged);
        await AssertVolumeHoldsModelAsync(volume);
    }
}
