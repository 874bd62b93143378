using Borealis.Engine.Transactions;

namespace Borealis.Engine.Locks;

/// <summary>
/// A deadlock as found: the transactions of the cycle in wait order (each waits for the
/// next, the last for the first), what each was waiting for, and the victim rolled back.
/// </summary>
public sealed record DeadlockReport(IReadOnlyList<DeadlockReport.Participant> Cycle, TransactionId Victim)
{
    public readonly record struct Participant(TransactionId Transaction, LockTarget WaitingFor, LockMode Mode);
}
