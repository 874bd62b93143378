namespace Borealis.Bench.Engine;

/// <summary>
/// What the engine benchmark drives: a table of 8-byte integer keys and 100-byte values, the
/// same operations on Borealis and on its peer. One session per worker, used by one task.
/// </summary>
internal interface IKeyValueSystem : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Loads rows 0..count-1, in transactions of <paramref name="batch"/> rows.</summary>
    Task LoadAsync(long count, int batch, CancellationToken cancellationToken);

    Task<IKeyValueSession> OpenSessionAsync(CancellationToken cancellationToken);
}

internal interface IKeyValueSession : IAsyncDisposable
{
    /// <summary>True when the key was found.</summary>
    ValueTask<bool> GetAsync(long key, CancellationToken cancellationToken);

    /// <summary>Reads up to <paramref name="count"/> rows from <paramref name="from"/> on; returns how many.</summary>
    ValueTask<int> ScanAsync(long from, int count, CancellationToken cancellationToken);

    /// <summary>One transaction updating one row; durable on return.</summary>
    ValueTask UpdateAsync(long key, byte[] value, CancellationToken cancellationToken);

    /// <summary>One transaction inserting one row; durable on return.</summary>
    ValueTask InsertAsync(long key, byte[] value, CancellationToken cancellationToken);
}
