using System.Security.Cryptography;
using System.Text.Json;
using Borealis.Common;

namespace Borealis.Streams.Catalog;

/// <summary>
/// The streams' metadata (names, shards, hash key ranges, status, retention, creation time),
/// kept in <c>DATA/streams/catalog.json</c> and rewritten whole, durably (temp file, fsync,
/// rename, directory fsync), on every change. Streams change rarely and are few, so a file is
/// enough; moving it onto a metadata volume of the fleet is a later step.
/// </summary>
public sealed class StreamCatalog
{
    public const int FormatVersion = 1;

    /// <summary>Shard volumes get ids from here up ("ST" in the high bytes), far from the database's volumes.</summary>
    public const ulong FirstShardVolume = 0x5354_0000_0000_0001;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly string _path;
    private readonly object _gate = new();
    private CatalogDocument _document;

    private StreamCatalog(string path, CatalogDocument document)
    {
        _path = path;
        _document = document;
    }

    public byte[] IteratorKey => Convert.FromBase64String(_document.IteratorKey);

    public static StreamCatalog Open(string directory)
    {
        CrashSafe.CreateDirectoryDurably(directory);
        var path = Path.Combine(directory, "catalog.json");
        if (!File.Exists(path))
        {
            var fresh = new StreamCatalog(path, new CatalogDocument(FormatVersion, FirstShardVolume, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), []));
            fresh.Save();
            return fresh;
        }
        var document = JsonSerializer.Deserialize<CatalogDocument>(File.ReadAllBytes(path), Json)
            ?? throw new InvalidDataException($"{path} is empty");
        if (document.Format != FormatVersion) throw new InvalidDataException($"{path} has format {document.Format}; this build reads format {FormatVersion}");
        return new StreamCatalog(path, document);
    }

    public IReadOnlyList<StreamDefinition> Streams
    {
        get { lock (_gate) return _document.Streams; }
    }

    public StreamDefinition? Find(string name)
    {
        lock (_gate) return _document.Streams.FirstOrDefault(s => s.Name == name);
    }

    /// <summary>Reserves <paramref name="count"/> volume ids, durably, and returns the first.</summary>
    public ulong ReserveVolumes(int count)
    {
        lock (_gate)
        {
            var first = _document.NextVolume;
            _document = _document with { NextVolume = first + (ulong)count };
            Save();
            return first;
        }
    }

    public void Put(StreamDefinition stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        lock (_gate)
        {
            _document = _document with { Streams = [.. _document.Streams.Where(s => s.Name != stream.Name), stream] };
            Save();
        }
    }

    public void Remove(string name)
    {
        lock (_gate)
        {
            _document = _document with { Streams = [.. _document.Streams.Where(s => s.Name != name)] };
            Save();
        }
    }

    private void Save() => CrashSafe.WriteAllBytesDurably(_path, JsonSerializer.SerializeToUtf8Bytes(_document, Json));
}
