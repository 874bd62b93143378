using System.Buffers.Binary;
using Borealis.Common;
using Borealis.Engine.BTrees;
using Borealis.Engine.Transactions;
using Borealis.Server.Embedded;
using Borealis.Storage.Segments;
using Borealis.Volume;
using Microsoft.Extensions.Logging;

namespace Borealis.Bench.Engine;

/// <summary>The engine in this process on an embedded six-node fleet, as <c>borealis up</c> runs it.</summary>
internal sealed class BorealisKeyValue : IKeyValueSystem
{
    private readonly EmbeddedFleet _fleet;
    private readonly Database _database;
    private readonly IndexTree _table;

    private BorealisKeyValue(EmbeddedFleet fleet, Database database, IndexTree table)
    {
        _fleet = fleet;
        _database = database;
        _table = table;
    }

    public string Name => "borealis";

    public static async Task<BorealisKeyValue> StartAsync(string directory, int bufferPoolFrames, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var fleet = await EmbeddedFleet.StartAsync(directory, 29300, listenTcp: false, new SegmentOptions(), loggers, cancellationToken).ConfigureAwait(false);
        var volume = await fleet.OpenVolumeAsync(new VolumeId(1), 10L << 30, 1, new VolumeOptions(), cancellationToken).ConfigureAwait(false);
        var database = await Database.OpenAsync(volume, new DatabaseOptions { BufferPoolFrames = bufferPoolFrames }, cancellationToken).ConfigureAwait(false);
        var table = await database.CreateIndexAsync(cancellationToken).ConfigureAwait(false);
        return new BorealisKeyValue(fleet, database, table);
    }

    public static byte[] Key(long key)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, key);
        return bytes;
    }

    public async Task LoadAsync(long count, int batch, CancellationToken cancellationToken)
    {
        var value = new byte[100];
        for (long start = 0; start < count; start += batch)
        {
            await using var trx = _database.Begin();
            for (var key = start; key < Math.Min(count, start + batch); key++)
                await trx.InsertAsync(_table, Key(key), value, cancellationToken).ConfigureAwait(false);
            await trx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<IKeyValueSession> OpenSessionAsync(CancellationToken cancellationToken) => Task.FromResult<IKeyValueSession>(new Session(this));

    private sealed class Session(BorealisKeyValue system) : IKeyValueSession
    {
        public async ValueTask<bool> GetAsync(long key, CancellationToken cancellationToken)
        {
            await using var trx = system._database.Begin(IsolationLevel.RepeatableRead, readOnly: true);
            return await trx.GetAsync(system._table, Key(key), ReadMode.Snapshot, cancellationToken).ConfigureAwait(false) is not null;
        }

        public async ValueTask<int> ScanAsync(long from, int count, CancellationToken cancellationToken)
        {
            await using var trx = system._database.Begin(IsolationLevel.RepeatableRead, readOnly: true);
            var seen = 0;
            await foreach (var _ in trx.ScanAsync(system._table, new KeyRange(KeyBound.AtOrAbove(Key(from)), null), ScanDirection.Forward, ReadMode.Snapshot, cancellationToken).ConfigureAwait(false))
                if (++seen == count) break;
            return seen;
        }

        public async ValueTask UpdateAsync(long key, byte[] value, CancellationToken cancellationToken)
        {
            await using var trx = system._database.Begin();
            await trx.UpdateAsync(system._table, Key(key), value, cancellationToken).ConfigureAwait(false);
            await trx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        public async ValueTask InsertAsync(long key, byte[] value, CancellationToken cancellationToken)
        {
            await using var trx = system._database.Begin();
            await trx.InsertAsync(system._table, Key(key), value, cancellationToken).ConfigureAwait(false);
            await trx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync().ConfigureAwait(false);
        await _fleet.DisposeAsync().ConfigureAwait(false);
    }
}
