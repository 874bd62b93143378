using Borealis.Engine.Locks;
using static Borealis.Engine.Tests.Locks.Locking;

namespace Borealis.Engine.Tests.Locks;

/// <summary>
/// The compatibility matrices written out as data (InnoDB's, lock0lock.cc lock_rec_has_to_wait
/// and lock_compatibility_matrix), checked against LockModes and against the manager itself.
/// </summary>
public class LockCompatibilityTests
{
    // Rows: the mode requested; columns: the mode another transaction holds.
    // 'W' the request waits, '.' it is granted. Column order = row order = RecordModes:
    //                S      X      S,REC  X,REC  S,GAP  X,GAP  INS
    private static readonly string[] RecordMatrix =
    [
        /* S      */ ". W . W . . .",
        /* X      */ "W W W W . . .",
        /* S,REC  */ ". W . W . . .",
        /* X,REC  */ "W W W W . . .",
        /* S,GAP  */ ". . . . . . .",
        /* X,GAP  */ ". . . . . . .",
        /* INSERT */ "W W . . W W .",
    ];

    //                IS IX S  X
    private static readonly string[] TableMatrix =
    [
        /* IS */ ". . . W",
        /* IX */ ". . W W",
        /* S  */ ". W . W",
        /* X  */ "W W W W",
    ];

    public static TheoryData<LockMode, LockMode, bool> RecordPairs() => Pairs(RecordModes, RecordMatrix);

    public static TheoryData<LockMode, LockMode, bool> TablePairs() => Pairs(TableModes, TableMatrix);

    private static TheoryData<LockMode, LockMode, bool> Pairs(LockMode[] modes, string[] matrix)
    {
        var data = new TheoryData<LockMode, LockMode, bool>();
        for (var r = 0; r < modes.Length; r++)
        {
            var cells = matrix[r].Split(' ');
            for (var h = 0; h < modes.Length; h++) data.Add(modes[r], modes[h], cells[h] == "W");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RecordPairs))]
    [MemberData(nameof(TablePairs))]
    public void The_rule_matches_the_matrix(LockMode requested, LockMode held, bool waits) =>
        Assert.Equal(waits, LockModes.MustWait(requested, held));

    [Theory]
    [MemberData(nameof(RecordPairs))]
    [MemberData(nameof(TablePairs))]
    public void The_manager_makes_a_request_wait_exactly_when_the_matrix_says(LockMode requested, LockMode held, bool waits)
    {
        var target = held.IsTableMode() ? TableTarget : Rec(20);
        var elsewhere = held.IsTableMode() ? LockTarget.OfTable(new TableId(Table.Value + 1)) : Rec(21);
        // Each question on a manager of its own: a granted answer adds a lock.
        Assert.Equal(!waits, Ask(2, target));
        // The transaction that holds the lock never waits for itself,
        Assert.True(Ask(1, target));
        // nor does anyone on another record or table.
        Assert.True(Ask(2, elsewhere));

        bool Ask(ulong transaction, LockTarget asked)
        {
            using var locks = new LockManager();
            HoldGranted(locks, 1, target, held);
            return locks.WouldGrant(transaction, asked, requested);
        }
    }

    /// <summary>
    /// Holds <paramref name="mode"/> granted. An insert intention granted at once leaves no
    /// lock, so it is made to wait behind a gap lock of a helper transaction first.
    /// </summary>
    private static void HoldGranted(LockManager locks, ulong transaction, LockTarget target, LockMode mode)
    {
        if (mode != LockMode.InsertIntention)
        {
            locks.Hold(transaction, target, mode);
            return;
        }
        locks.Hold(99, target, LockMode.SharedGap);
        var insert = locks.Wait(transaction, target, LockMode.InsertIntention);
        locks.ReleaseAll(T(99));
        Assert.True(insert.IsCompletedSuccessfully);
    }

    [Theory]
    [InlineData(LockMode.ExclusiveNextKey, LockMode.SharedNextKey, true)]
    [InlineData(LockMode.ExclusiveNextKey, LockMode.ExclusiveRecord, true)]
    [InlineData(LockMode.ExclusiveNextKey, LockMode.SharedGap, true)]
    [InlineData(LockMode.SharedNextKey, LockMode.SharedRecord, true)]
    [InlineData(LockMode.SharedNextKey, LockMode.ExclusiveRecord, false)]
    [InlineData(LockMode.ExclusiveRecord, LockMode.SharedNextKey, false)]
    [InlineData(LockMode.ExclusiveRecord, LockMode.SharedGap, false)]
    [InlineData(LockMode.ExclusiveGap, LockMode.SharedGap, true)]
    [InlineData(LockMode.SharedGap, LockMode.ExclusiveGap, false)]
    [InlineData(LockMode.ExclusiveNextKey, LockMode.InsertIntention, false)]
    [InlineData(LockMode.InsertIntention, LockMode.InsertIntention, true)]
    [InlineData(LockMode.TableExclusive, LockMode.TableIntentionShared, true)]
    [InlineData(LockMode.TableShared, LockMode.TableIntentionShared, true)]
    [InlineData(LockMode.TableIntentionExclusive, LockMode.TableIntentionShared, true)]
    [InlineData(LockMode.TableIntentionExclusive, LockMode.TableShared, false)]
    [InlineData(LockMode.TableShared, LockMode.TableIntentionExclusive, false)]
    public void A_held_mode_covers_what_it_includes(LockMode held, LockMode requested, bool covers) =>
        Assert.Equal(covers, LockModes.Covers(held, requested));

    [Fact]
    public void Modes_are_named_as_data_locks_names_them()
    {
        Assert.Equal("X,GAP,INSERT_INTENTION", LockMode.InsertIntention.ToInnoDbString());
        Assert.Equal("S,REC_NOT_GAP", LockMode.SharedRecord.ToInnoDbString());
        Assert.Equal("X", LockMode.ExclusiveNextKey.ToInnoDbString());
        Assert.Equal("IX", LockMode.TableIntentionExclusive.ToInnoDbString());
    }
}
