using System.Globalization;

namespace Borealis.Common;

/// <summary>A volume's epoch. A writer whose epoch is older than a segment's is refused.</summary>
public readonly record struct Epoch(ulong Value) : IComparable<Epoch>
{
    public static readonly Epoch Zero = new(0);
    public int CompareTo(Epoch other) => Value.CompareTo(other.Value);
    public static bool operator <(Epoch a, Epoch b) => a.Value < b.Value;
    public static bool operator >(Epoch a, Epoch b) => a.Value > b.Value;
    public static bool operator <=(Epoch a, Epoch b) => a.Value <= b.Value;
    public static bool operator >=(Epoch a, Epoch b) => a.Value >= b.Value;
    public Epoch Next => new(Value + 1);
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A volume: a database's (or a stream's) whole address space of pages.</summary>
public readonly record struct VolumeId(ulong Value)
{
    public override string ToString() => Value.ToString("x16", CultureInfo.InvariantCulture);
}

/// <summary>A protection group: one segment-sized slice of a volume, kept in 6 copies.</summary>
public readonly record struct ProtectionGroupId(uint Value)
{
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A page number within a volume.</summary>
public readonly record struct PageId(ulong Value)
{
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Names one copy of a protection group: the volume, the group and the copy's slot.</summary>
public readonly record struct SegmentId(VolumeId Volume, ProtectionGroupId Group)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Volume}-{Group.Value:D6}");
}

/// <summary>A storage node's address and availability zone.</summary>
public readonly record struct NodeAddress(string Host, int Port, string Zone)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}@{Zone}");

    /// <summary>Parses "host:port" or "host:port@zone".</summary>
    public static NodeAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var zone = "";
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0) { zone = text[(at + 1)..]; text = text[..at]; }
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is <= 0 or > 65535)
            throw new FormatException($"'{text}' is not host:port");
        return new NodeAddress(text[..colon], port, zone);
    }
}
