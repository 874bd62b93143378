using System.Collections.Concurrent;
using Borealis.Common;
using Borealis.Volume.Metadata;
using Xunit.Abstractions;

namespace Borealis.Volume.Tests.Metadata;

public sealed class RaftClusterMetadataTests(ITestOutputHelper output)
{
    private static readonly VolumeId Vol = new(0xB0_0001);

    [Fact]
    public async Task Created_volume_can_be_read_back()
    {
        using var host = new MetadataTestHost();
        await using var metadata = await host.StartAsync();

        var created = await metadata.CreateVolumeAsync(MetadataTestHost.Geometry(Vol.Value, 3));
        var read = await metadata.GetVolumeAsync(Vol);

        Assert.NotNull(read);
        AssertSame(created, read);
        Assert.Equal(3, read.GroupCount);
        Assert.Equal(MetadataTestHost.Nodes(6, 6), read.Groups[1].Current);
        Assert.Null(await metadata.GetVolumeAsync(new VolumeId(42)));
        Assert.Equal([Vol], await metadata.ListVolumesAsync());
    }

    [Fact]
    public async Task Creating_an_existing_volume_fails_and_changes_nothing()
    {
        using var host = new MetadataTestHost();
        await using var metadata = await host.StartAsync();
        await metadata.CreateVolumeAsync(MetadataTestHost.Geometry(Vol.Value, 2));

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await metadata.CreateVolumeAsync(MetadataTestHost.Geometry(Vol.Value, 5)));

        Assert.Equal(2, (await metadata.GetVolumeAsync(Vol))!.GroupCount);
    }

    [Fact]
    public async Task Bumped_epochs_strictly_increase()
    {
        using var host = new MetadataTestHost();
        await using var metadata = await host.StartAsync();
        await metadata.CreateVolumeAsync(MetadataTestHost.Geometry(Vol.Value, 1));

        var previous = new Epoch(1);
        for (var i = 0; i < 10; i++)
        {
            var next = await metadata.BumpEpochAsync(Vol);
            Assert.Equal(previous.Next, next);
            previous = next;
        }
        Assert.Equal(previous, (await metadata.GetVolumeAsync(Vol))!.Epoch);
        await Assert.ThrowsAsync<KeyNotFoundException>(async () => await metadata.BumpEpochAsync(new VolumeId(7)));
    }

    [Fact]
    public async Task Membership_compare_and_set_applies_once_and_rejects_a_stale_version()
    {
        using var host = new MetadataTestHost();
        await using var metadata = await host.StartAsync();
        await metadata.CreateVolumeAsync(MetadataTestHost.Geometry(Vol.Value, 2));
        var group = new ProtectionGroupId(1);
        var replacement = MetadataTestHost.Nodes(100, 6);

        var first = await metadata.SetMembershipAsync(Vol, group, expectedVersion: 1, MetadataTestHost.Nodes(6, 6), replacement);
        var stale = await metadata.SetMembershipAsync(Vol, group, expectedVersion: 1, MetadataTestHost.Nodes(200, 6), null);

        Assert.True(first.Applied);
        Assert.Equal(2ul, first.Membership.Version);
        Assert.Equal(replacement, first.Membership.Next);
        Assert.False(stale.Applied);
        Assert.Equal(2ul, stale.Membership.Version);
        Assert.Equal(replacement, stale.Membership.Next);

        var finished = await metadata.SetMembershipAsync(Vol, group, expectedVersion: 2, replacement, null);
        Assert.True(finished.Applied);
        var stored = (await metadata.GetVolumeAsync(Vol))!.Groups[1];
        Assert.Equal(3ul, stored.Version);
        Assert.Equal(replacement, stored.Current);
        Assert.Null(stored.Next);
        Assert.Equal(1ul, (await metadata.GetVolumeAsync(Vol))!.Groups[0].Version);
        await Assert.ThrowsAsync<KeyNotFoundException>(async () =>
            await metadata.SetMembershipAsync(Vol, new ProtectionGroupId(2), 1, replacement, null));
    }

    [Fact]
    public async Task Added_groups_extend_the_volume()
    {
        using var host = new MetadataTestHost();
        await using var metadata = await host.StartAsync();
        await metadata.CreateVolumeAsync(MetadataTestHost.Geometry(Vol.Value, 1));

        var grown = await metadata.AddGroupsAsync(Vol, [new PgMembership(1, MetadataTestHost.Nodes(50, 6), null), new PgMembership(1, MetadataTestHost.Nodes(60, 6), null)]);

        Assert.Equal(3, grown.GroupCount);
        Assert.Equal(MetadataTestHost.Nodes(60, 6), grown.Groups[2].Current);
        AssertSame(grown, (await metadata.GetVolumeAsync(Vol))!);
    }

    [Theory]
    [InlineData(256)] // everything is replayed from the log
    [InlineData(3)]   // a snapshot plus the log after it
    public async Task Everything_survives_a_restart_from_the_same_directory(int snapshotEveryCommands)
    {
        using var host = new MetadataTestHost { SnapshotEveryCommands = snapshotEveryCommands };
        VolumeGeometry before;
        await using (var metadata = await host.StartAsync())
        {
            await metadata.CreateVolumeAsync(MetadataTestHost.Geometry(Vol.Value, 2));
            await metadata.CreateVolumeAsync(MetadataTestHost.Geometry(Vol.Value + 1, 1));
            for (var i = 0; i < 4; i++) await metadata.BumpEpochAsync(Vol);
            await metadata.SetMembershipAsync(Vol, new ProtectionGroupId(0), 1, MetadataTestHost.Nodes(0, 6), MetadataTestHost.Nodes(30, 6));
            await metadata.AddGroupsAsync(Vol, [new PgMembership(4, MetadataTestHost.Nodes(40, 6), null)]);
            before = (await metadata.GetVolumeAsync(Vol))!;
        }
        if (snapshotEveryCommands == 3)
            Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(host.DataDirectory, "snapshots")));

        await using (var restarted = await host.StartAsync())
        {
            var after = await restarted.GetVolumeAsync(Vol);
            Assert.NotNull(after);
            AssertSame(before, after);
            Assert.Equal(new Epoch(5), after.Epoch);
            Assert.Equal([Vol, new VolumeId(Vol.Value + 1)], await restarted.ListVolumesAsync());
            // The restarted service keeps going from where it was, not from a replayed copy.
            Assert.Equal(new Epoch(6), await restarted.BumpEpochAsync(Vol));
            Assert.False((await restarted.SetMembershipAsync(Vol, new ProtectionGroupId(0), 1, MetadataTestHost.Nodes(0, 6), null)).Applied);
        }

        await using var again = await host.StartAsync();
        Assert.Equal(new Epoch(6), (await again.GetVolumeAsync(Vol))!.Epoch);
    }

    [Fact]
    public async Task Concurrent_epoch_bumps_all_get_distinct_epochs()
    {
        using var host = new MetadataTestHost();
        await using var metadata = await host.StartAsync();
        await metadata.CreateVolumeAsync(MetadataTestHost.Geometry(Vol.Value, 1));
        const int Tasks = 16, BumpsPerTask = 8;
        var seen = new ConcurrentBag<Epoch>();

        await Task.WhenAll(Enumerable.Range(0, Tasks).Select(_ => Task.Run(async () =>
        {
            var mine = new List<Epoch>();
            for (var i = 0; i < BumpsPerTask; i++) mine.Add(await metadata.BumpEpochAsync(Vol));
            // Each caller's own epochs increase: a later bump never gets an older epoch.
            Assert.Equal(mine.Order(), mine);
            foreach (var epoch in mine) seen.Add(epoch);
        })));

        var all = seen.Select(e => e.Value).Order().ToArray();
        Assert.Equal(Enumerable.Range(2, Tasks * BumpsPerTask).Select(v => (ulong)v), all);
        Assert.Equal(new Epoch(1 + Tasks * BumpsPerTask), (await metadata.GetVolumeAsync(Vol))!.Epoch);
    }

    [Fact]
    public async Task A_single_member_leads_as_soon_as_it_starts()
    {
        using var host = new MetadataTestHost();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var metadata = await host.StartAsync();
        var started = clock.Elapsed;

        Assert.True(metadata.IsLeader);
        output.WriteLine($"single member started in {started.TotalMilliseconds:F0} ms");
        Assert.True(started < TimeSpan.FromSeconds(2), $"start took {started}");
    }

    [Fact]
    public async Task Disposed_service_refuses_calls()
    {
        using var host = new MetadataTestHost();
        var metadata = await host.StartAsync();
        await metadata.DisposeAsync();
        await metadata.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await metadata.GetVolumeAsync(Vol));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await metadata.BumpEpochAsync(Vol));
    }

    private static void AssertSame(VolumeGeometry expected, VolumeGeometry actual)
    {
        Assert.Equal(expected.Volume, actual.Volume);
        Assert.Equal(expected.SegmentBytes, actual.SegmentBytes);
        Assert.Equal(expected.GroupCount, actual.GroupCount);
        Assert.Equal(expected.Epoch, actual.Epoch);
        Assert.Equal(expected.Groups.Count, actual.Groups.Count);
        for (var i = 0; i < expected.Groups.Count; i++)
        {
            Assert.Equal(expected.Groups[i].Version, actual.Groups[i].Version);
            Assert.Equal(expected.Groups[i].Current, actual.Groups[i].Current);
            Assert.Equal(expected.Groups[i].Next, actual.Groups[i].Next);
        }
    }
}
