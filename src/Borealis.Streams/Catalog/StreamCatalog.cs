using System.Security.Cryptography;
using System.Text.Json;

namespace Borealis.Streams.Catalog;

/// <summary>
/// The streams' metadata (names, shards, hash key ranges, status, retention, creation time),
/// kept as one JSON document in the <see cref="CatalogVolume"/> on the fleet and rewritten whole
/// on every change. Streams change rarely and are few, so a whole rewrite is cheap; reads are
/// served from memory. Changes are serialized here; each returns once it is durable.
/// </summary>
public sealed class StreamCatalog : IAsyncDisposable
{
    public const int FormatVersion = 1;

    /// <summary>Shard volumes get ids from here up ("ST" in the high bytes), far from the database's volumes.</summary>
    public const ulong FirstShardVolume = 0x5354_0000_0000_0001;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private readonly CatalogVolume _store;
    private readonly SemaphoreSlim _changes = new(1, 1);
    private volatile CatalogDocument _document;

    private StreamCatalog(CatalogVolume store, CatalogDocument document)
    {
        _store = store;
        _document = document;
        IteratorKey = Convert.FromBase64String(document.IteratorKey);
    }

    public byte[] IteratorKey { get; }

    /// <summary>Reads the catalog from its volume, writing a fresh one (with a new iterator key) the first time.</summary>
    public static async Task<StreamCatalog> OpenAsync(CatalogVolume store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var bytes = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            var fresh = new StreamCatalog(store, new CatalogDocument(FormatVersion, FirstShardVolume, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), []));
            await fresh.SaveAsync(fresh._document, cancellationToken).ConfigureAwait(false);
            return fresh;
        }
        var document = JsonSerializer.Deserialize<CatalogDocument>(bytes, Json) ?? throw new InvalidDataException("the stream catalog is empty");
        if (document.Format != FormatVersion) throw new InvalidDataException($"the stream catalog has format {document.Format}; this build reads format {FormatVersion}");
        return new StreamCatalog(store, document);
    }

    public IReadOnlyList<StreamDefinition> Streams => _document.Streams;

    public StreamDefinition? Find(string name) => _document.Streams.FirstOrDefault(s => s.Name == name);

    /// <summary>Reserves <paramref name="count"/> volume ids, durably, and returns the first.</summary>
    public async Task<ulong> ReserveVolumesAsync(int count, CancellationToken cancellationToken)
    {
        ulong first = 0;
        await ChangeAsync(d =>
        {
            first = d.NextVolume;
            return d with { NextVolume = first + (ulong)count };
        }, cancellationToken).ConfigureAwait(false);
        return first;
    }

    public Task PutAsync(StreamDefinition stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ChangeAsync(d => d with { Streams = [.. d.Streams.Where(s => s.Name != stream.Name), stream] }, cancellationToken);
    }

    public Task RemoveAsync(string name, CancellationToken cancellationToken) =>
        ChangeAsync(d => d with { Streams = [.. d.Streams.Where(s => s.Name != name)] }, cancellationToken);

    /// <summary>Applies a change and makes it durable before anyone reads it, so no reader sees a stream that a crash would forget.</summary>
    private async Task ChangeAsync(Func<CatalogDocument, CatalogDocument> change, CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var next = change(_document);
            await SaveAsync(next, cancellationToken).ConfigureAwait(false);
            _document = next;
        }
        finally
        {
            _changes.Release();
        }
    }

    private Task SaveAsync(CatalogDocument document, CancellationToken cancellationToken) =>
        _store.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(document, Json), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync().ConfigureAwait(false);
        _changes.Dispose();
    }
}
