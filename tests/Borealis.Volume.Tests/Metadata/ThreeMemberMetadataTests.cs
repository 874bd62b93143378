using System.Net;
using System.Net.Sockets;
using Borealis.Volume.Metadata;
using DotNext.Net.Cluster.Consensus.Raft;

namespace Borealis.Volume.Tests.Metadata;

/// <summary>The same service over three real Raft members on loopback: writes go to the elected leader only.</summary>
public sealed class ThreeMemberMetadataTests
{
    [Fact]
    public async Task Three_members_elect_one_leader_which_commits_writes()
    {
        var endpoints = FreeLoopbackEndpoints(3);
        var hosts = endpoints.Select(_ => new MetadataTestHost()).ToArray();
        var members = Array.Empty<RaftClusterMetadata>();
        try
        {
            members = await Task.WhenAll(hosts.Select((host, i) => RaftClusterMetadata.StartAsync(
                new RaftMetadataOptions(host.DataDirectory, endpoints[i], endpoints) { LeadershipTimeout = TimeSpan.FromSeconds(4) },
                loggers: null, CancellationToken.None)));

            var leader = await WaitForSingleLeaderAsync(members);
            var created = await leader.CreateVolumeAsync(MetadataTestHost.Geometry(9, 1));
            Assert.Equal(2ul, (await leader.BumpEpochAsync(created.Volume)).Value);
            Assert.Equal(2ul, (await leader.GetVolumeAsync(created.Volume))!.Epoch.Value);

            // A follower refuses writes. On a loaded machine leadership can move between choosing
            // a follower and proposing through it; then it was a leader and rightly wrote, so
            // choose again.
            var refused = false;
            for (var attempt = 0; attempt < 20 && !refused; attempt++)
            {
                var follower = members.First(m => !m.IsLeader);
                try { await follower.BumpEpochAsync(created.Volume); }
                catch (NotLeaderException) { refused = true; }
            }
            Assert.True(refused, "no follower refused a write");
        }
        finally
        {
            foreach (var member in members) await member.DisposeAsync();
            foreach (var host in hosts) host.Dispose();
        }
    }

    private static async Task<RaftClusterMetadata> WaitForSingleLeaderAsync(RaftClusterMetadata[] members)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var leaders = members.Where(m => m.IsLeader).ToArray();
            if (leaders.Length == 1) return leaders[0];
            await Task.Delay(20);
        }
        throw new TimeoutException("no single leader emerged");
    }

    /// <summary>Members must know each other's ports in advance, so borrow free ones from the OS.</summary>
    private static IPEndPoint[] FreeLoopbackEndpoints(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        foreach (var listener in listeners) listener.Start();
        var endpoints = listeners.Select(l => (IPEndPoint)l.LocalEndpoint).ToArray();
        foreach (var listener in listeners) listener.Stop();
        return endpoints;
    }
}
