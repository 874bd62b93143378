using System.Buffers.Binary;
using System.Text;

namespace Borealis.Engine.Keys;

public sealed partial class KeyWriter
{
    // Groups of the PAD SPACE string encoding (see AppendString(ReadOnlySpan<byte>, Collation)).
    internal const byte PadBelowSpace = 0x01;
    internal const byte PadSpacesThenBelowSpace = 0x02;
    internal const byte PadEnd = 0x03;
    internal const byte PadSpacesThenAboveSpace = 0x04;

    /// <summary>A string under <paramref name="collation"/>.</summary>
    public KeyWriter AppendString(string value, Collation collation)
    {
        ArgumentNullException.ThrowIfNull(value);
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var scratch = max <= 256 ? stackalloc byte[256] : new byte[max];
        var written = Encoding.UTF8.GetBytes(value, scratch);
        return AppendString(scratch[..written], collation);
    }

    /// <summary>
    /// A string (UTF-8, or raw bytes under <see cref="Collation.Binary"/>) encoded so that keys
    /// compare bytewise exactly as <see cref="Collation.Compare(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>
    /// orders the strings; strings the collation calls equal encode identically. The key holds
    /// the weights, not the text: it cannot be read back, only skipped
    /// (<see cref="KeyReader.SkipString"/>); the row holds the text.
    /// <para>NO PAD collations: the weights as UTF-8 (bytes for binary), escaped and ended as
    /// in <see cref="AppendBytes"/>, so a prefix sorts first.</para>
    /// <para>PAD SPACE collations compare the shorter string as if padded with spaces, so the
    /// end of a string must sort as endless spaces. The weights are cut into groups, each a
    /// run of k spaces and the weight w that ends it: w &gt; space with k = 0 is w's UTF-8 (first
    /// byte 0x21 or more); w &gt; space after k ≥ 1 spaces is 0x04, ~k as u32 big-endian, w's
    /// UTF-8 (more spaces first means smaller); w &lt; space is 0x01 w when k = 0, else 0x02, k
    /// as u32 big-endian, w (more spaces first means larger); the end, trailing spaces
    /// dropped, is 0x03, between the groups below and above space.</para>
    /// </summary>
    public KeyWriter AppendString(ReadOnlySpan<byte> value, Collation collation)
    {
        ArgumentNullException.ThrowIfNull(collation);
        if (collation.Weighting == CollationWeights.Kind.Bytes) return AppendBytes(value);
        Reserve(1)[0] = KeyTag.Value;
        var weights = new CollationWeights(value, collation.Weighting);
        if (!collation.PadSpace)
        {
            while (weights.MoveNext(out var w))
            {
                if (w == 0)
                {
                    var escaped = Reserve(2);
                    escaped[0] = 0x00;
                    escaped[1] = 0xFF;
                }
                else AppendUtf8(w);
            }
            var end = Reserve(2);
            end[0] = 0x00;
            end[1] = 0x01;
            return this;
        }
        uint spaces = 0;
        while (weights.MoveNext(out var w))
        {
            if (w == ' ')
            {
                spaces++;
                continue;
            }
            if (w < ' ')
            {
                if (spaces == 0) Reserve(1)[0] = PadBelowSpace;
                else
                {
                    var run = Reserve(5);
                    run[0] = PadSpacesThenBelowSpace;
                    BinaryPrimitives.WriteUInt32BigEndian(run[1..], spaces);
                }
                Reserve(1)[0] = (byte)w;
            }
            else
            {
                if (spaces != 0)
                {
                    var run = Reserve(5);
                    run[0] = PadSpacesThenAboveSpace;
                    BinaryPrimitives.WriteUInt32BigEndian(run[1..], ~spaces);
                }
                AppendUtf8(w);
            }
            spaces = 0;
        }
        Reserve(1)[0] = PadEnd;
        return this;
    }

    private void AppendUtf8(int codePoint)
    {
        var rune = new Rune(codePoint);
        rune.EncodeToUtf8(Reserve(rune.Utf8SequenceLength));
    }
}
