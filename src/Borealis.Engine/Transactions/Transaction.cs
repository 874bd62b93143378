namespace Borealis.Engine.Transactions;

/// <summary>
/// One transaction. Its writes stay in its own write set until COMMIT (no-steal), so nothing
/// uncommitted ever reaches a page or the log; COMMIT applies them all as one mini-transaction
/// and returns once that is durable. Consistent reads see a snapshot: under REPEATABLE READ and
/// SERIALIZABLE the one taken at the first read, under READ COMMITTED a new one per statement
/// (<see cref="StartStatement"/>). Not thread-safe: one statement at a time, as a session.
/// </summary>
public sealed partial class Transaction : IAsyncDisposable
{
    private readonly Database _database;
    private readonly WriteSet _writes = new();
    private readonly Dictionary<string, int> _savepoints = new(StringComparer.OrdinalIgnoreCase);
    private ulong? _snapshot;
    private TransactionState _state = TransactionState.Active;

    internal Transaction(Database database, TransactionId id, IsolationLevel isolation, bool readOnly)
    {
        _database = database;
        Id = id;
        Isolation = isolation;
        ReadOnly = readOnly;
    }

    public TransactionId Id { get; }
    public IsolationLevel Isolation { get; }
    public bool ReadOnly { get; }
    public TransactionState State => _state;

    /// <summary>True once the transaction has written something (it then commits through the log).</summary>
    public bool HasWrites => !_writes.IsEmpty;

    /// <summary>
    /// Marks the start of a statement: under READ COMMITTED the next consistent read takes a
    /// fresh snapshot, so each statement sees what was committed before it began.
    /// </summary>
    public void StartStatement()
    {
        if (Isolation == IsolationLevel.ReadCommitted) DropSnapshot();
        LockWaitPolicy = Locks.LockWaitPolicy.Block;
        _statementMark = _writes.Mark;
    }

    private int _statementMark;

    /// <summary>
    /// Undoes the writes of the current statement only (since <see cref="StartStatement"/>), as
    /// MySQL does when a statement fails (a duplicate key, a lock wait timeout); the
    /// transaction stays open with its earlier writes and its locks.
    /// </summary>
    public void RollbackStatement()
    {
        CheckActive();
        _writes.RollbackTo(_statementMark);
        foreach (var later in _savepoints.Where(s => s.Value > _statementMark).Select(s => s.Key).ToList()) _savepoints.Remove(later);
    }

    /// <summary>The stamp consistent reads see, taken on first use (READ UNCOMMITTED sees the newest version).</summary>
    private ulong Snapshot()
    {
        if (Isolation == IsolationLevel.ReadUncommitted) return ulong.MaxValue;
        return _snapshot ??= _database.OpenSnapshot();
    }

    private void DropSnapshot()
    {
        if (_snapshot is { } stamp) _database.CloseSnapshot(stamp);
        _snapshot = null;
    }

    private void CheckActive()
    {
        if (_state != TransactionState.Active) throw new InvalidOperationException($"transaction {Id} is {_state.ToString().ToLowerInvariant()}");
    }

    private void CheckWritable()
    {
        CheckActive();
        if (ReadOnly) throw new EngineException(1792, "25006", "Cannot execute statement in a READ ONLY transaction.");
    }

    /// <summary>SAVEPOINT name: a savepoint of the same name is replaced.</summary>
    public void Savepoint(string name)
    {
        CheckActive();
        _savepoints[name] = _writes.Mark;
    }

    /// <summary>
    /// ROLLBACK TO SAVEPOINT name: undoes the writes made after it; later savepoints go, this
    /// one stays. Row locks taken since are kept, as InnoDB keeps them.
    /// </summary>
    public void RollbackToSavepoint(string name)
    {
        CheckActive();
        if (!_savepoints.TryGetValue(name, out var mark)) throw NoSuchSavepoint(name);
        _writes.RollbackTo(mark);
        if (_statementMark > mark) _statementMark = mark;
        foreach (var later in _savepoints.Where(s => s.Value > mark).Select(s => s.Key).ToList()) _savepoints.Remove(later);
    }

    /// <summary>RELEASE SAVEPOINT name: forgets it and every later one.</summary>
    public void ReleaseSavepoint(string name)
    {
        CheckActive();
        if (!_savepoints.TryGetValue(name, out var mark)) throw NoSuchSavepoint(name);
        foreach (var later in _savepoints.Where(s => s.Value >= mark).Select(s => s.Key).ToList()) _savepoints.Remove(later);
    }

    private static EngineException NoSuchSavepoint(string name) => new(1305, "42000", $"SAVEPOINT {name} does not exist");

    /// <summary>Forgets every write and releases the snapshot and locks.</summary>
    public void Rollback()
    {
        if (_state != TransactionState.Active) return;
        _writes.Clear();
        End(TransactionState.RolledBack);
    }

    private void End(TransactionState state)
    {
        _state = state;
        _savepoints.Clear();
        DropSnapshot();
        ReleaseLocks();
    }

    public ValueTask DisposeAsync()
    {
        Rollback();
        return ValueTask.CompletedTask;
    }
}

public enum TransactionState
{
    Active,
    Committed,
    RolledBack,
}
