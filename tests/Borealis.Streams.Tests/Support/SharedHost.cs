namespace Borealis.Streams.Tests.Support;

/// <summary>One host for the API tests: each test uses streams of its own names, so they do not meet.</summary>
public sealed class SharedHost : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("borealis-streams");

    public StreamsTestHost Host { get; private set; } = null!;
    public KinesisClient Client => Host.Client;

    public async Task InitializeAsync() => Host = await StreamsTestHost.StartAsync(_dir.Path);

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _dir.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedHostCollection : ICollectionFixture<SharedHost>
{
    public const string Name = "shared streams host";
}
