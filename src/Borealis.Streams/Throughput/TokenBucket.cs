namespace Borealis.Streams.Throughput;

/// <summary>
/// A token bucket: <see cref="Rate"/> tokens a second, at most one second's worth held. Not
/// thread-safe: its owner (<see cref="ShardThroughput"/>) holds a lock around every use. A struct,
/// so a shard's four buckets live inline in one object and checking one allocates nothing.
/// </summary>
internal struct TokenBucket(double rate)
{
    private readonly double _rate = rate;
    private double _tokens = rate;
    private long _refilledAt;

    public readonly double Rate => _rate;
    public readonly double Tokens => _tokens;

    /// <summary>Adds what accrued since the last refill, up to one second's worth.</summary>
    public void Refill(long now, long ticksPerSecond)
    {
        if (_refilledAt != 0 && now > _refilledAt)
            _tokens = Math.Min(_rate, _tokens + _rate * (now - _refilledAt) / ticksPerSecond);
        _refilledAt = now;
    }

    /// <summary>Takes <paramref name="amount"/> if the bucket holds it.</summary>
    public bool TryTake(double amount)
    {
        if (_tokens < amount) return false;
        _tokens -= amount;
        return true;
    }

    /// <summary>Takes <paramref name="amount"/> even if that leaves a debt, which later refills pay first.</summary>
    public void Charge(double amount) => _tokens -= amount;
}
