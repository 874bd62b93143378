using Borealis.Common;
using Borealis.Redo;
using Borealis.Redo.Tests;
using Borealis.Redo.Wire;
using Borealis.Storage.Segments;
using CsCheck;
using Microsoft.Extensions.Logging.Abstractions;

namespace Borealis.Storage.Tests.Segments;

/// <summary>
/// Model-based test of one segment without peers: batches delivered in and out of order,
/// duplicated or never, truncations by newer writers, materialization and reopens, against a
/// model of the chain of valid batches.
/// </summary>
public class SegmentModelTests
{
    private const ulong FirstPage = 100;
    private const ulong Pages = 3;
    private static readonly SegmentId Id = new(TestBatches.Volume, TestBatches.Group);
    private static readonly NodeAddress Self = new("self", 1, "a");
    private static readonly SegmentOptions Options = new() { LogChunkBytes = 4 * 1024, ScrubInterval = TimeSpan.Zero };

    private abstract record Op;
    /// <summary>The writer makes its next batch; it arrives now or is held back (delayed, maybe lost).</summary>
    private sealed record NewBatchOp(int Span, int Seed, bool Deliver) : Op;
    private sealed record DeliverHeldOp(int Index) : Op;
    private sealed record RedeliverOp(int Index) : Op;
    /// <summary>A new writer opens the volume: newer epoch, keep-through point at least the group's min read point.</summary>
    private sealed record TruncateOp(int Above) : Op;
    private sealed record MaterializeOp : Op;
    private sealed record ReopenOp : Op;
    private sealed record TooNewOp : Op;

    private static readonly Gen<Op> GenOp = Gen.Frequency(
        (10, Gen.Select(Gen.Int[1, 6], Gen.Int, Gen.Frequency((4, Gen.Const(true)), (1, Gen.Const(false)))).Select<int, int, bool, Op>((s, seed, d) => new NewBatchOp(s, seed, d))),
        (3, Gen.Int[0, 100].Select<int, Op>(i => new DeliverHeldOp(i))),
        (1, Gen.Int[0, 100].Select<int, Op>(i => new RedeliverOp(i))),
        (1, Gen.Int[0, 12].Select<int, Op>(a => new TruncateOp(a))),
        (2, Gen.Const<Op>(new MaterializeOp())),
        (1, Gen.Const<Op>(new ReopenOp())),
        (1, Gen.Const<Op>(new TooNewOp())));

    private sealed record Batch(byte[] Bytes, RedoBatchHeader Header);

    private sealed class Model
    {
        public Epoch Epoch = new(1);
        public TruncationHistory History = TruncationHistory.Empty;
        public ulong WriterAt;
        public Lsn MinReadPoint;
        public readonly List<Batch> Held = [];
        public readonly List<Batch> Sent = [];
        public readonly List<Batch> Generated = [];

        /// <summary>
        /// Where a new writer may truncate: a batch boundary (the volume cuts every group at the same
        /// LSNs and keeps through the highest SCL it finds, so never inside a batch) at or above the
        /// group's min read point (the old writer's VDL), among batches not yet voided.
        /// </summary>
        public List<Lsn> TruncationPoints() =>
            [.. Generated.Where(b => History.Keeps(b.Header.Epoch, b.Header.LastLsn)).Select(b => b.Header.LastLsn).Append(Lsn.Zero)
                .Where(l => l >= MinReadPoint).Distinct().Order()];
        public readonly Dictionary<ulong, Batch> ByPrev = [];

        /// <summary>Accepts a batch of the current epoch: the first at each start wins.</summary>
        public void Accept(Batch b)
        {
            if (!ByPrev.TryGetValue(b.Header.PrevLsn.Value, out var held) || held.Header.Epoch < b.Header.Epoch) ByPrev[b.Header.PrevLsn.Value] = b;
        }

        public void Truncate(Epoch epoch, Lsn keep)
        {
            Epoch = epoch;
            History = History.Add(new Truncation(epoch, keep));
            foreach (var (prev, b) in ByPrev.ToList())
                if (!History.Keeps(b.Header.Epoch, b.Header.LastLsn)) ByPrev.Remove(prev);
        }

        public List<Batch> Chain()
        {
            var chain = new List<Batch>();
            var at = 0ul;
            while (ByPrev.TryGetValue(at, out var b) && b.Header.LastLsn.Value > at) { chain.Add(b); at = b.Header.LastLsn.Value; }
            return chain;
        }

        public Lsn Scl => Chain().Select(b => b.Header.LastLsn).DefaultIfEmpty(Lsn.Zero).Last();

        public byte[] Page(PageId page, Lsn readPoint)
        {
            var image = new byte[PageFrame.PageSize];
            PageFrame.InitializeEmpty(image, page);
            foreach (var b in Chain())
            {
                var reader = new RedoRecordReader(b.Bytes);
                while (reader.TryNext(out var r))
                    if (r.Lsn <= readPoint && r.Type != RedoRecordType.Marker && r.Page == page) RedoApply.Apply(image, r);
            }
            PageFrame.Seal(image);
            return image;
        }
    }

    private static Batch MakeBatch(Epoch epoch, ulong prev, int span, int seed)
    {
        var random = new Random(seed);
        var records = new List<TestRecord>();
        for (var i = 1; i <= span; i++)
        {
            var lsn = prev + (ulong)i;
            var page = FirstPage + (ulong)random.Next((int)Pages);
            switch (random.Next(10))
            {
                case 0: records.Add(TestRecord.Marker(lsn)); break;
                case 1: records.Add(TestRecord.Image(lsn, page, (byte)random.Next(256))); break;
                case < 7: records.Add(TestRecord.Write(lsn, page, 32 + random.Next(64), [.. Enumerable.Range(0, 1 + random.Next(16)).Select(_ => (byte)random.Next(256))])); break;
                default: break; // another group's LSN
            }
        }
        var bytes = TestBatches.Build(epoch, new Lsn(prev), new Lsn(prev + (ulong)span), records);
        return new Batch(bytes, TestBatches.Header(bytes));
    }

    private static Segment Create(string dir, Epoch epoch) =>
        Segment.Create(Id, dir, epoch, FirstPage, Pages, [], Options, new InProcessTransport(), Self, NullLogger.Instance);

    private static Segment Reopen(string dir) => Segment.Open(Id, dir, Options, new InProcessTransport(), Self, NullLogger.Instance);

    private static ReplyStatus Append(Segment segment, Batch b, Lsn minReadPoint)
    {
        using var reply = segment.AppendAsync(b.Bytes, b.Header, minReadPoint).AsTask().GetAwaiter().GetResult();
        return reply.Status;
    }

    private static Lsn Checkpoint(Segment segment)
    {
        using var reply = segment.Status();
        Assert.True(SegmentStatus.TryRead(reply.Payload.Span, out var status));
        return status.Checkpoint;
    }

    private static void CheckReads(Segment segment, Model model, int seed)
    {
        var scl = model.Scl;
        Assert.Equal(scl, segment.DurableScl);
        var checkpoint = Checkpoint(segment);
        Assert.True(checkpoint <= scl, $"checkpoint {checkpoint} above scl {scl}");
        var between = new Lsn(checkpoint.Value + (ulong)(seed & 0xFFFF) % (scl.Value - checkpoint.Value + 1));
        for (var p = FirstPage; p < FirstPage + Pages; p++)
        {
            foreach (var point in new[] { scl, between })
            {
                using var reply = segment.ReadPage(new PageId(p), point);
                Assert.True(reply.IsOk, $"read of page {p} at {point}: {reply}");
                Assert.Equal(Convert.ToHexString(model.Page(new PageId(p), point)), Convert.ToHexString(reply.Payload.Span));
            }
        }
        using var tooFar = segment.ReadPage(new PageId(FirstPage), scl.Next);
        Assert.Equal(ReplyStatus.NotComplete, tooFar.Status);
    }

    [Fact]
    public void Random_deliveries_truncations_materializations_and_reopens_match_the_model() =>
        Gen.Select(GenOp.List[1, 40], Gen.Int).Sample((ops, seed) =>
        {
            using var dir = new TempDirectory();
            var random = new Random(seed);
            var model = new Model();
            var segment = Create(dir.Path, model.Epoch);
            try
            {
                foreach (var op in ops)
                {
                    switch (op)
                    {
                        case NewBatchOp n:
                        {
                            var b = MakeBatch(model.Epoch, model.WriterAt, n.Span, n.Seed);
                            model.WriterAt = b.Header.LastLsn.Value;
                            model.Generated.Add(b);
                            if (n.Deliver) Deliver(b);
                            else model.Held.Add(b);
                            break;
                        }
                        case DeliverHeldOp d when model.Held.Count > 0:
                        {
                            var b = model.Held[d.Index % model.Held.Count];
                            model.Held.Remove(b);
                            Deliver(b);
                            break;
                        }
                        case RedeliverOp r when model.Sent.Count > 0:
                            Deliver(model.Sent[r.Index % model.Sent.Count]);
                            break;
                        case TruncateOp t:
                        {
                            var points = model.TruncationPoints();
                            var keep = points[t.Above % points.Count];
                            var epoch = model.Epoch.Next;
                            model.Truncate(epoch, keep);
                            model.WriterAt = keep.Value;
                            using var reply = segment.Truncate(model.History);
                            Assert.Equal(ReplyStatus.Ok, reply.Status);
                            Assert.Equal(epoch, segment.Epoch);
                            break;
                        }
                        case MaterializeOp:
                            segment.MaterializeAsync(CancellationToken.None).GetAwaiter().GetResult();
                            break;
                        case ReopenOp:
                            segment.DisposeAsync().AsTask().GetAwaiter().GetResult();
                            segment = Reopen(dir.Path);
                            Assert.Equal(model.Epoch, segment.Epoch);
                            break;
                        case TooNewOp:
                        {
                            var b = MakeBatch(model.Epoch.Next, model.WriterAt, 1, seed);
                            Assert.Equal(ReplyStatus.EpochBehind, Append(segment, b, Lsn.Zero));
                            break;
                        }
                    }
                    CheckReads(segment, model, random.Next());
                }
            }
            finally { segment.DisposeAsync().AsTask().GetAwaiter().GetResult(); }

            void Deliver(Batch b)
            {
                // The writer's VDL: a batch boundary this segment's chain has reached.
                var chain = model.Chain().Select(c => c.Header.LastLsn).Prepend(Lsn.Zero).ToList();
                var minReadPoint = chain[random.Next(chain.Count)];
                var status = Append(segment, b, minReadPoint);
                if (b.Header.Epoch < model.Epoch)
                {
                    Assert.Equal(ReplyStatus.StaleEpoch, status);
                    return;
                }
                Assert.Equal(ReplyStatus.Ok, status);
                model.MinReadPoint = Lsn.MaxOf(model.MinReadPoint, minReadPoint);
                model.Accept(b);
                model.Sent.Add(b);
            }
        }, iter: 120, threads: 1);
}
