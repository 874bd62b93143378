using System.Buffers.Binary;
using System.Text;
using Borealis.MySql.Protocol;
using Borealis.MySql.Tests.Harness;

namespace Borealis.MySql.Tests;

/// <summary>Protocol paths real clients rarely take, driven over a raw socket.</summary>
public sealed class RawProtocolTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    private async Task<RawClient> LoginAsync(string user = "native", CapabilityFlags flags = RawClient.DefaultFlags)
    {
        var client = await RawClient.ConnectAsync(Server.Port);
        var ok = await client.LoginAsync(user, user + "-pass", flags);
        Assert.Equal(0x00, ok[0]);
        return client;
    }

    [Fact]
    public async Task Ping_reset_and_statistics()
    {
        using var client = await LoginAsync();
        await client.CommandAsync(CommandKind.Ping);
        Assert.Equal(0x00, (await client.ReadPacketAsync())[0]);
        await client.CommandAsync(CommandKind.ResetConnection);
        Assert.Equal(0x00, (await client.ReadPacketAsync())[0]);
        await client.CommandAsync(CommandKind.Statistics);
        var stats = Encoding.UTF8.GetString(await client.ReadPacketAsync());
        Assert.StartsWith("Uptime: ", stats, StringComparison.Ordinal);
        Assert.Contains("Questions: ", stats, StringComparison.Ordinal);
    }
}
