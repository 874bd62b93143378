using System.Buffers.Binary;

namespace Borealis.Engine.Keys;

public ref partial struct KeyReader
{
    public double ReadDouble()
    {
        var bits = BinaryPrimitives.ReadUInt64BigEndian(Fixed(8));
        bits = (bits & 0x8000_0000_0000_0000ul) != 0 ? bits & 0x7FFF_FFFF_FFFF_FFFFul : ~bits;
        return BitConverter.Int64BitsToDouble((long)bits);
    }

    public float ReadSingle()
    {
        var bits = BinaryPrimitives.ReadUInt32BigEndian(Fixed(4));
        bits = (bits & 0x8000_0000u) != 0 ? bits & 0x7FFF_FFFFu : ~bits;
        return BitConverter.Int32BitsToSingle((int)bits);
    }

    /// <summary>
    /// Steps over a string written by <see cref="KeyWriter.AppendString(ReadOnlySpan{byte}, Collation)"/>
    /// (collated keys hold weights, which do not give the text back).
    /// </summary>
    public void SkipString(Collation collation)
    {
        ArgumentNullException.ThrowIfNull(collation);
        if (!collation.PadSpace)
        {
            SkipEscaped();
            return;
        }
        ExpectValue();
        while (true)
        {
            var b = Next();
            switch (b)
            {
                case KeyWriter.PadEnd: return;
                case KeyWriter.PadBelowSpace: Next(); break;
                case KeyWriter.PadSpacesThenBelowSpace: Skip(5); break;
                case KeyWriter.PadSpacesThenAboveSpace: Skip(4); SkipUtf8(Next()); break;
                default:
                    if (b < 0x21) throw Malformed($"byte {b:X2} in a PAD SPACE string");
                    SkipUtf8(b);
                    break;
            }
        }
    }

    private void SkipUtf8(byte lead)
    {
        var trailing = lead < 0x80 ? 0 : lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3;
        Skip(trailing);
    }

    private void SkipEscaped()
    {
        ExpectValue();
        while (true)
        {
            if (Next() != 0) continue;
            var escape = Next();
            if (escape == 0x01) return;
            if (escape != 0xFF) throw Malformed("a 0x00 in a byte string is followed by neither 0xFF nor 0x01");
        }
    }

    private void Skip(int count)
    {
        for (var i = 0; i < count; i++) Next();
    }
}
