using Borealis.Sql.Execution.Tests;
using MySqlConnector;

namespace Borealis.Interop.Tests;

/// <summary>MySqlConnector 2.6.2 with and without prepared statements, parameters of every common type.</summary>
public sealed class ConnectorTests(SqlFixture fixture) : IClassFixture<SqlFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CrudWithParameters(bool prepare)
    {
        var db = prepare ? "interop_prepared" : "interop_text";
        await using (var admin = new MySqlConnection(fixture.Host.ConnectionString()))
        {
            await admin.OpenAsync();
            await new MySqlCommand($"CREATE DATABASE {db}", admin).ExecuteNonQueryAsync();
        }
        await using var connection = new MySqlConnection(fixture.Host.ConnectionString(db, prepare));
        await connection.OpenAsync();
        await new MySqlCommand("CREATE TABLE orders (id BIGINT AUTO_INCREMENT PRIMARY KEY, customer VARCHAR(40) NOT NULL, total DECIMAL(10,2), weight DOUBLE, placed DATETIME, note BLOB, KEY customer (customer))", connection).ExecuteNonQueryAsync();

        var placed = new DateTime(2024, 5, 6, 7, 8, 9);
        long lastId = 0;
        for (var i = 1; i <= 20; i++)
        {
            await using var insert = new MySqlCommand("INSERT INTO orders (customer, total, weight, placed, note) VALUES (@c, @t, @w, @p, @n)", connection);
            insert.Parameters.AddWithValue("@c", "customer" + (i % 4));
            insert.Parameters.AddWithValue("@t", i * 1.25m);
            insert.Parameters.AddWithValue("@w", i / 4.0);
            insert.Parameters.AddWithValue("@p", placed.AddDays(i));
            insert.Parameters.AddWithValue("@n", i % 5 == 0 ? DBNull.Value : new byte[] { (byte)i, 0, 255 });
            if (prepare) await insert.PrepareAsync();
            Assert.Equal(1, await insert.ExecuteNonQueryAsync());
            lastId = insert.LastInsertedId;
        }
        Assert.Equal(20, lastId);

        await using (var select = new MySqlCommand("SELECT id, customer, total, weight, placed, note FROM orders WHERE id = @id", connection))
        {
            select.Parameters.AddWithValue("@id", 7);
            if (prepare) await select.PrepareAsync();
            await using var reader = await select.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(7L, reader.GetInt64(0));
            Assert.Equal("customer3", reader.GetString(1));
            Assert.Equal(8.75m, reader.GetDecimal(2));
            Assert.Equal(1.75, reader.GetDouble(3));
            Assert.Equal(placed.AddDays(7), reader.GetDateTime(4));
            Assert.Equal(new byte[] { 7, 0, 255 }, (byte[])reader.GetValue(5));
            Assert.False(await reader.ReadAsync());
        }

        await using (var update = new MySqlCommand("UPDATE orders SET total = total + @d WHERE customer = @c", connection))
        {
            update.Parameters.AddWithValue("@d", 1);
            update.Parameters.AddWithValue("@c", "customer1");
            if (prepare) await update.PrepareAsync();
            Assert.Equal(5, await update.ExecuteNonQueryAsync());
        }
        await using (var delete = new MySqlCommand("DELETE FROM orders WHERE id BETWEEN @lo AND @hi", connection))
        {
            delete.Parameters.AddWithValue("@lo", 1);
            delete.Parameters.AddWithValue("@hi", 4);
            if (prepare) await delete.PrepareAsync();
            Assert.Equal(4, await delete.ExecuteNonQueryAsync());
        }
        await using (var sum = new MySqlCommand("SELECT customer, COUNT(*), SUM(total) FROM orders GROUP BY customer ORDER BY customer", connection))
        {
            if (prepare) await sum.PrepareAsync();
            await using var reader = await sum.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync()) rows.Add($"{reader.GetString(0)} {reader.GetInt64(1)} {reader.GetDecimal(2)}");
            Assert.Equal(["customer0 4 70.00", "customer1 4 59.00", "customer2 4 60.00", "customer3 4 65.00"], rows);
        }
    }

    [Fact]
    public async Task TransactionsAndErrors()
    {
        await using var connection = new MySqlConnection(fixture.Host.ConnectionString());
        await connection.OpenAsync();
        await new MySqlCommand("CREATE DATABASE interop_tx; USE interop_tx; CREATE TABLE t (id INT PRIMARY KEY, v INT)", connection).ExecuteNonQueryAsync();
        await using (var trx = await connection.BeginTransactionAsync())
        {
            await new MySqlCommand("INSERT INTO t VALUES (1, 1), (2, 2)", connection, trx).ExecuteNonQueryAsync();
            var duplicate = await Assert.ThrowsAsync<MySqlException>(() => new MySqlCommand("INSERT INTO t VALUES (3, 3), (1, 1)", connection, trx).ExecuteNonQueryAsync());
            Assert.Equal(MySqlErrorCode.DuplicateKeyEntry, duplicate.ErrorCode);
            Assert.Equal("Duplicate entry '1' for key 't.PRIMARY'", duplicate.Message);
            // A statement failing before it reads or writes must not undo the one before it.
            await new MySqlCommand("UPDATE t SET v = 20 WHERE id = 2", connection, trx).ExecuteNonQueryAsync();
            var missing = await Assert.ThrowsAsync<MySqlException>(() => new MySqlCommand("SELECT * FROM missing", connection, trx).ExecuteReaderAsync());
            Assert.Equal(1146, missing.Number);
            await trx.CommitAsync();
        }
        // The failed statement's row 3 went with it; the transaction's earlier rows stayed.
        Assert.Equal(2L, await new MySqlCommand("SELECT COUNT(*) FROM t", connection).ExecuteScalarAsync());
        Assert.Equal(20, await new MySqlCommand("SELECT v FROM t WHERE id = 2", connection).ExecuteScalarAsync());
        await using (var trx = await connection.BeginTransactionAsync())
        {
            await new MySqlCommand("DELETE FROM t", connection, trx).ExecuteNonQueryAsync();
            await trx.RollbackAsync();
        }
        Assert.Equal(2L, await new MySqlCommand("SELECT COUNT(*) FROM t", connection).ExecuteScalarAsync());
        var notSupported = await Assert.ThrowsAsync<MySqlException>(() => new MySqlCommand("SELECT * FROM t a JOIN t b ON a.id = b.id", connection).ExecuteReaderAsync());
        Assert.Equal(1235, notSupported.Number);
        Assert.Equal("This version of Borealis doesn't yet support 'joins'", notSupported.Message);
    }

    [Fact]
    public async Task LockingReadBlocksAWriterUntilCommit()
    {
        await using var a = new MySqlConnection(fixture.Host.ConnectionString());
        await a.OpenAsync();
        await new MySqlCommand("CREATE DATABASE interop_locks; USE interop_locks; CREATE TABLE t (id INT PRIMARY KEY, v INT); INSERT INTO t VALUES (1, 0)", a).ExecuteNonQueryAsync();
        await using var b = new MySqlConnection(fixture.Host.ConnectionString("interop_locks"));
        await b.OpenAsync();
        var trx = await a.BeginTransactionAsync();
        Assert.Equal(0, await new MySqlCommand("SELECT v FROM t WHERE id = 1 FOR UPDATE", a, trx).ExecuteScalarAsync());
        var writer = new MySqlCommand("UPDATE t SET v = v + 1 WHERE id = 1", b).ExecuteNonQueryAsync();
        await Task.Delay(300);
        Assert.False(writer.IsCompleted);
        await new MySqlCommand("UPDATE t SET v = 10 WHERE id = 1", a, trx).ExecuteNonQueryAsync();
        await trx.CommitAsync();
        Assert.Equal(1, await writer);
        Assert.Equal(11, await new MySqlCommand("SELECT v FROM t WHERE id = 1", a).ExecuteScalarAsync());
    }

    [Fact]
    public async Task LockWaitTimeoutIs1205()
    {
        await using var a = new MySqlConnection(fixture.Host.ConnectionString());
        await a.OpenAsync();
        await new MySqlCommand("CREATE DATABASE interop_timeout; USE interop_timeout; CREATE TABLE t (id INT PRIMARY KEY, v INT); INSERT INTO t VALUES (1, 0)", a).ExecuteNonQueryAsync();
        await using var b = new MySqlConnection(fixture.Host.ConnectionString("interop_timeout"));
        await b.OpenAsync();
        await using var trx = await a.BeginTransactionAsync();
        await new MySqlCommand("UPDATE t SET v = 1 WHERE id = 1", a, trx).ExecuteNonQueryAsync();
        // The test host's lock wait timeout is 2 s.
        var e = await Assert.ThrowsAsync<MySqlException>(() => new MySqlCommand("UPDATE t SET v = 2 WHERE id = 1", b).ExecuteNonQueryAsync());
        Assert.Equal(1205, e.Number);
    }

    [Fact]
    public async Task DeadlockIs1213AndRollsBackTheVictim()
    {
        await using var a = new MySqlConnection(fixture.Host.ConnectionString());
        await a.OpenAsync();
        await new MySqlCommand("CREATE DATABASE interop_deadlock; USE interop_deadlock; CREATE TABLE t (id INT PRIMARY KEY, v INT); INSERT INTO t VALUES (1, 0), (2, 0)", a).ExecuteNonQueryAsync();
        await using var b = new MySqlConnection(fixture.Host.ConnectionString("interop_deadlock"));
        await b.OpenAsync();
        var ta = await a.BeginTransactionAsync();
        var tb = await b.BeginTransactionAsync();
        await new MySqlCommand("UPDATE t SET v = 1 WHERE id = 1", a, ta).ExecuteNonQueryAsync();
        await new MySqlCommand("UPDATE t SET v = 2 WHERE id = 2", b, tb).ExecuteNonQueryAsync();
        var first = new MySqlCommand("UPDATE t SET v = 1 WHERE id = 2", a, ta).ExecuteNonQueryAsync();
        await Task.Delay(200);
        var second = new MySqlCommand("UPDATE t SET v = 2 WHERE id = 1", b, tb).ExecuteNonQueryAsync();
        var outcomes = await Task.WhenAll(Outcome(first), Outcome(second));
        // Exactly one is chosen as the victim; the other goes on once the victim's locks are gone.
        Assert.Single(outcomes, o => o == 1213);
        Assert.Single(outcomes, o => o == 0);
        if (outcomes[0] == 0) await ta.CommitAsync(); else await tb.CommitAsync();
        var values = new List<int>();
        await using (var reader = await new MySqlCommand("SELECT v FROM t ORDER BY id", a).ExecuteReaderAsync())
            while (await reader.ReadAsync()) values.Add(reader.GetInt32(0));
        Assert.Equal(outcomes[0] == 0 ? [1, 1] : [2, 2], values);

        static async Task<int> Outcome(Task<int> update)
        {
            try { await update; return 0; }
            catch (MySqlException e) { return e.Number; }
        }
    }
}
