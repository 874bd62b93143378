using System.Text.Json;
using Borealis.Common;
using Borealis.Redo;

namespace Borealis.Storage.Segments;

/// <summary>
/// What a segment persists besides its log and images: epoch and truncation history (the
/// fence against old writers), its group's members, the page range, the materialized
/// checkpoint and the LSN its log chain starts from. Written durably (temp, fsync, rename).
/// </summary>
public sealed record SegmentMeta(
    Epoch Epoch,
    TruncationHistory History,
    IReadOnlyList<NodeAddress> Members,
    ulong FirstPage,
    ulong PageCount,
    Lsn Checkpoint,
    Lsn ChainBase,
    Lsn MinReadPoint)
{
    public const string FileName = "segment.json";

    private sealed record Stored(ulong Epoch, ulong[][] History, string[] Members, ulong FirstPage, ulong PageCount, ulong Checkpoint, ulong ChainBase, ulong MinReadPoint);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public void Save(string directory)
    {
        var stored = new Stored(Epoch.Value, [.. History.Items.Select(t => new[] { t.Epoch.Value, t.KeepThrough.Value })],
            [.. Members.Select(m => m.ToString())], FirstPage, PageCount, Checkpoint.Value, ChainBase.Value, MinReadPoint.Value);
        CrashSafe.WriteAllBytesDurably(Path.Combine(directory, FileName), JsonSerializer.SerializeToUtf8Bytes(stored, Json));
    }

    public static SegmentMeta Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        var stored = JsonSerializer.Deserialize<Stored>(File.ReadAllBytes(path), Json)
            ?? throw new InvalidDataException($"{path} is empty");
        var history = TruncationHistory.Empty;
        foreach (var pair in stored.History)
            history = history.Add(new Truncation(new Epoch(pair[0]), new Lsn(pair[1])));
        return new SegmentMeta(new Epoch(stored.Epoch), history, [.. stored.Members.Select(NodeAddress.Parse)],
            stored.FirstPage, stored.PageCount, new Lsn(stored.Checkpoint), new Lsn(stored.ChainBase), new Lsn(stored.MinReadPoint));
    }
}
