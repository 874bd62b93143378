namespace Borealis.Volume.Metadata;

/// <summary>
/// Travels with a proposed command as its Raft log-entry context, so the applier can hand the
/// command's result back to the proposer. The context lives only in the proposing leader's
/// memory; a command replayed from disk or applied on a follower has none, and needs none.
/// </summary>
internal sealed class PendingCommand
{
    private volatile CommandResult? result;

    /// <summary>Set by the applier before the log reports the entry applied.</summary>
    public CommandResult? Result => result;

    public void Complete(CommandResult applied) => result = applied;
}
