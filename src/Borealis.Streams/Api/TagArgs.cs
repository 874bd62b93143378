using System.Text.Json;
using System.Text.RegularExpressions;

namespace Borealis.Streams.Api;

/// <summary>
/// Tag maps and key lists as Kinesis checks them: keys 1..128 and values 0..256 characters of
/// Unicode letters, digits, white space and <c>_ . / = + - % @</c>; a wrong JSON shape is a
/// SerializationException, a length out of bounds a ValidationException naming the member.
/// </summary>
public static partial class TagArgs
{
    public const int MaxKeyLength = 128;
    public const int MaxValueLength = 256;

    /// <summary>The map under <paramref name="member"/>, or null when absent; at most <paramref name="maxEntries"/> entries.</summary>
    public static Dictionary<string, string>? Map(RequestArgs args, string member, int maxEntries)
    {
        if (!args.Has(member)) return null;
        var element = args.Root.GetProperty(member);
        if (element.ValueKind != JsonValueKind.Object) throw KinesisErrors.Serialization($"{member}: expected a map of strings");
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in element.EnumerateObject())
        {
            if (tag.Value.ValueKind != JsonValueKind.String) throw KinesisErrors.Serialization($"{member}.{tag.Name}: expected a string");
            tags[tag.Name] = tag.Value.GetString()!;
        }
        var name = RequestArgs.Member(member);
        if (tags.Count < 1) throw KinesisErrors.Validation("{}", name, "Member must have length greater than or equal to 1");
        if (tags.Count > maxEntries) throw KinesisErrors.Validation($"[{tags.Count} tags]", name, $"Member must have length less than or equal to {maxEntries}");
        foreach (var (key, value) in tags)
        {
            CheckKey(key, name);
            if (value.Length > MaxValueLength) throw KinesisErrors.Validation(value, name, $"Map value must satisfy constraint: [Member must have length less than or equal to {MaxValueLength}]");
            if (!Allowed().IsMatch(value)) throw InvalidCharacters();
        }
        return tags;
    }

    /// <summary>The list of tag keys under <paramref name="member"/> (required), 1..<paramref name="maxEntries"/> keys.</summary>
    public static List<string> Keys(RequestArgs args, string member, int maxEntries)
    {
        var name = RequestArgs.Member(member);
        if (!args.Has(member)) throw KinesisErrors.Validation("null", name, "Member must not be null");
        var element = args.Root.GetProperty(member);
        if (element.ValueKind != JsonValueKind.Array) throw KinesisErrors.Serialization($"{member}: expected a list of strings");
        var keys = new List<string>();
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) throw KinesisErrors.Serialization($"{member}: expected a list of strings");
            keys.Add(item.GetString()!);
        }
        if (keys.Count < 1) throw KinesisErrors.Validation("[]", name, "Member must have length greater than or equal to 1");
        if (keys.Count > maxEntries) throw KinesisErrors.Validation($"[{keys.Count} keys]", name, $"Member must have length less than or equal to {maxEntries}");
        foreach (var key in keys) CheckKey(key, name);
        return keys;
    }

    private static void CheckKey(string key, string member)
    {
        if (key.Length < 1) throw KinesisErrors.Validation(key, member, "Map keys must satisfy constraint: [Member must have length greater than or equal to 1]");
        if (key.Length > MaxKeyLength) throw KinesisErrors.Validation(key, member, $"Map keys must satisfy constraint: [Member must have length less than or equal to {MaxKeyLength}]");
        if (!Allowed().IsMatch(key)) throw InvalidCharacters();
    }

    private static KinesisException InvalidCharacters() =>
        KinesisErrors.InvalidArgument("Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.");

    [GeneratedRegex(@"^[\p{L}\p{N}\p{Z}_./=+\-%@]*$")]
    private static partial Regex Allowed();
}
