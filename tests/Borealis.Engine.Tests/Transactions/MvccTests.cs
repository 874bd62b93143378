using System.Text;
using Borealis.Engine.BTrees;
using Borealis.Engine.Transactions;

namespace Borealis.Engine.Tests.Transactions;

public sealed class MvccTests(FleetFixture fixture) : IClassFixture<FleetFixture>
{
    private static readonly DatabaseOptions Small = new() { BufferPoolFrames = 64 };

    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);
    private static string? S(byte[]? b) => b is null ? null : Encoding.UTF8.GetString(b);

    private async Task<Database> OpenAsync(Borealis.Common.VolumeId? id = null) =>
        await Database.OpenAsync(await fixture.OpenVolumeAsync(id ?? FleetFixture.NewVolumeId()), Small);

    private static async Task<List<string>> KeysAsync(Transaction trx, IndexTree index, ScanDirection direction = ScanDirection.Forward) =>
        [.. (await trx.ScanAsync(index, KeyRange.All, direction).ToListAsync()).Select(e => S(e.Key)!)];

    [Fact]
    public async Task A_commit_is_seen_by_later_transactions_and_a_rollback_leaves_nothing()
    {
        await using var db = await OpenAsync();
        var index = await db.CreateIndexAsync();
        await using (var t = db.Begin())
        {
            Assert.True(await t.InsertAsync(index, B("a"), B("1")));
            Assert.Equal("1", S(await t.GetAsync(index, B("a"))));
            await t.CommitAsync();
        }
        await using (var t = db.Begin())
        {
            Assert.True(await t.InsertAsync(index, B("b"), B("2")));
            t.Rollback();
        }
        await using var reader = db.Begin();
        Assert.Equal("1", S(await reader.GetAsync(index, B("a"))));
        Assert.Null(await reader.GetAsync(index, B("b")));
        Assert.Equal(["a"], await KeysAsync(reader, index));
    }

    [Fact]
    public async Task Repeatable_read_keeps_its_first_snapshot_while_others_update_and_delete()
    {
        await using var db = await OpenAsync();
        var index = await db.CreateIndexAsync();
        await using (var setup = db.Begin())
        {
            foreach (var k in new[] { "a", "b", "c" }) await setup.InsertAsync(index, B(k), B(k + "0"));
            await setup.CommitAsync();
        }

        await using var reader = db.Begin(IsolationLevel.RepeatableRead);
        Assert.Equal("a0", S(await reader.GetAsync(index, B("a")))); // the snapshot is taken here

        await using (var writer = db.Begin())
        {
            Assert.True(await writer.UpdateAsync(index, B("a"), B("a1")));
            Assert.True(await writer.DeleteAsync(index, B("b")));
            Assert.True(await writer.InsertAsync(index, B("d"), B("d1")));
            await writer.CommitAsync();
        }

        Assert.Equal("a0", S(await reader.GetAsync(index, B("a"))));
        Assert.Equal("b0", S(await reader.GetAsync(index, B("b"))));
        Assert.Null(await reader.GetAsync(index, B("d")));
        Assert.Equal(["a", "b", "c"], await KeysAsync(reader, index));
        Assert.Equal(["c", "b", "a"], await KeysAsync(reader, index, ScanDirection.Backward));
        // A locking read sees the newest committed version.
        Assert.Equal("a1", S(await reader.GetAsync(index, B("a"), ReadMode.LockShared)));

        await using var later = db.Begin();
        Assert.Equal(["a", "c", "d"], await KeysAsync(later, index));
        Assert.Equal("a1", S(await later.GetAsync(index, B("a"))));
    }

    [Fact]
    public async Task Read_committed_sees_each_statement_anew()
    {
        await using var db = await OpenAsync();
        var index = await db.CreateIndexAsync();
        await using var reader = db.Begin(IsolationLevel.ReadCommitted);
        reader.StartStatement();
        Assert.Null(await reader.GetAsync(index, B("k")));
        await using (var writer = db.Begin())
        {
            await writer.InsertAsync(index, B("k"), B("v"));
            await writer.CommitAsync();
        }
        Assert.Null(await reader.GetAsync(index, B("k"))); // same statement, same snapshot
        reader.StartStatement();
        Assert.Equal("v", S(await reader.GetAsync(index, B("k"))));
    }

    [Fact]
    public async Task Own_writes_merge_into_reads_and_scans_in_both_directions()
    {
        await using var db = await OpenAsync();
        var index = await db.CreateIndexAsync();
        await using (var setup = db.Begin())
        {
            foreach (var k in new[] { "b", "d", "f" }) await setup.InsertAsync(index, B(k), B(k));
            await setup.CommitAsync();
        }
        await using var t = db.Begin();
        Assert.False(await t.InsertAsync(index, B("d"), B("dup")));
        Assert.True(await t.InsertAsync(index, B("a"), B("a")));
        Assert.True(await t.InsertAsync(index, B("e"), B("e")));
        Assert.True(await t.DeleteAsync(index, B("f")));
        Assert.True(await t.UpdateAsync(index, B("b"), B("B")));
        Assert.False(await t.UpdateAsync(index, B("f"), B("gone")));
        Assert.True(await t.InsertAsync(index, B("f"), B("F"))); // insert after its own delete
        Assert.Equal(["a", "b", "d", "e", "f"], await KeysAsync(t, index));
        Assert.Equal(["f", "e", "d", "b", "a"], await KeysAsync(t, index, ScanDirection.Backward));
        Assert.Equal("B", S(await t.GetAsync(index, B("b"))));
        var range = new KeyRange(KeyBound.Above(B("b")), KeyBound.AtOrBelow(B("e")));
        Assert.Equal(["d", "e"], (await t.ScanAsync(index, range).ToListAsync()).Select(e => S(e.Key)));

        // Nobody else sees any of it before the commit.
        await using (var other = db.Begin())
            Assert.Equal(["b", "d", "f"], await KeysAsync(other, index));
        await t.CommitAsync();
        await using (var other = db.Begin())
        {
            Assert.Equal(["a", "b", "d", "e", "f"], await KeysAsync(other, index));
            Assert.Equal("F", S(await other.GetAsync(index, B("f"))));
        }
    }

    [Fact]
    public async Task Savepoints_roll_back_exactly_the_later_writes()
    {
        await using var db = await OpenAsync();
        var index = await db.CreateIndexAsync();
        await using var t = db.Begin();
        await t.InsertAsync(index, B("a"), B("1"));
        t.Savepoint("s1");
        await t.InsertAsync(index, B("b"), B("2"));
        await t.UpdateAsync(index, B("a"), B("changed"));
        t.Savepoint("s2");
        await t.InsertAsync(index, B("c"), B("3"));
        t.RollbackToSavepoint("S1"); // names are case-insensitive, as MySQL's
        Assert.Equal(["a"], await KeysAsync(t, index));
        Assert.Equal("1", S(await t.GetAsync(index, B("a"))));
        var gone = Assert.Throws<EngineException>(() => t.RollbackToSavepoint("s2"));
        Assert.Equal(1305, gone.ErrorNumber);
        Assert.Equal("42000", gone.SqlState);
        await t.InsertAsync(index, B("z"), B("26"));
        t.ReleaseSavepoint("s1");
        Assert.Throws<EngineException>(() => t.RollbackToSavepoint("s1"));
        await t.CommitAsync();
        await using var reader = db.Begin();
        Assert.Equal(["a", "z"], await KeysAsync(reader, index));
    }

    [Fact]
    public async Task A_read_only_transaction_refuses_writes_with_mysqls_error()
    {
        await using var db = await OpenAsync();
        var index = await db.CreateIndexAsync();
        await using var t = db.Begin(readOnly: true);
        var e = await Assert.ThrowsAsync<EngineException>(async () => await t.InsertAsync(index, B("a"), B("1")));
        Assert.Equal(1792, e.ErrorNumber);
        Assert.Equal("25006", e.SqlState);
    }

    [Fact]
    public async Task Deleted_rows_are_purged_once_no_snapshot_can_see_them()
    {
        await using var db = await OpenAsync();
        var index = await db.CreateIndexAsync();
        await using (var setup = db.Begin())
        {
            for (var i = 0; i < 100; i++) await setup.InsertAsync(index, B($"k{i:D3}"), new byte[50]);
            await setup.CommitAsync();
        }
        var old = db.Begin();
        Assert.Equal(100, (await KeysAsync(old, index)).Count);
        await using (var deleter = db.Begin())
        {
            for (var i = 0; i < 100; i += 2) await deleter.DeleteAsync(index, B($"k{i:D3}"));
            await deleter.CommitAsync();
        }
        // The old snapshot still sees every row, so nothing may be purged yet.
        await Task.Delay(200);
        Assert.Equal(100, (await KeysAsync(old, index)).Count);
        Assert.Equal(50, db.PendingPurge);
        old.Rollback();
        await using (var nudge = db.Begin())
        {
            await nudge.InsertAsync(index, B("zz"), B("1"));
            await nudge.CommitAsync();
        }
        for (var i = 0; i < 100 && db.PendingPurge > 0; i++) await Task.Delay(50);
        Assert.Equal(0, db.PendingPurge);
        // Physically gone from the tree, not just hidden.
        var raw = await index.Tree.ScanAsync(KeyRange.All).ToListAsync();
        Assert.Equal(51, raw.Count);
        await using var reader = db.Begin();
        Assert.Equal(51, (await KeysAsync(reader, index)).Count);
    }

    [Fact]
    public async Task Indexes_and_rows_survive_a_reopen_and_new_commits_stay_visible()
    {
        var id = FleetFixture.NewVolumeId();
        IndexId indexId;
        await using (var db = await OpenAsync(id))
        {
            var index = await db.CreateIndexAsync();
            indexId = index.Id;
            await using var t = db.Begin();
            for (var i = 0; i < 20; i++) await t.InsertAsync(index, B($"k{i:D2}"), B($"v{i}"));
            await t.CommitAsync();
            await using var u = db.Begin();
            await u.UpdateAsync(index, B("k05"), B("updated"));
            await u.DeleteAsync(index, B("k06"));
            await u.CommitAsync();
        }
        await using (var db = await OpenAsync(id))
        {
            var index = db.GetIndex(indexId);
            var second = await db.CreateIndexAsync();
            Assert.NotEqual(indexId, second.Id);
            await using (var reader = db.Begin())
            {
                Assert.Equal(19, (await KeysAsync(reader, index)).Count);
                Assert.Equal("updated", S(await reader.GetAsync(index, B("k05"))));
                Assert.Null(await reader.GetAsync(index, B("k06")));
            }
            // Stamps after the reopen must be newer than every stamp on disk.
            await using (var w = db.Begin())
            {
                await w.UpdateAsync(index, B("k05"), B("again"));
                await w.CommitAsync();
            }
            await using var after = db.Begin();
            Assert.Equal("again", S(await after.GetAsync(index, B("k05"))));
        }
    }
}
