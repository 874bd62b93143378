using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Borealis.Streams.Api;

/// <summary>
/// Reads an operation's JSON members with Kinesis's checks: a wrong JSON type is a
/// SerializationException, a value outside its constraints a ValidationException naming the
/// member in AWS's camel case.
/// </summary>
public readonly partial struct RequestArgs(JsonElement root)
{
    public JsonElement Root => root;

    public bool Has(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public string? String(string name, int min = 0, int max = int.MaxValue)
    {
        if (!Has(name)) return null;
        var value = root.GetProperty(name);
        if (value.ValueKind != JsonValueKind.String) throw KinesisErrors.Serialization($"{name}: expected a string, found {value.ValueKind}");
        var text = value.GetString()!;
        if (text.Length < min) throw KinesisErrors.Validation(text, Member(name), $"Member must have length greater than or equal to {min}");
        if (text.Length > max) throw KinesisErrors.Validation(text, Member(name), $"Member must have length less than or equal to {max}");
        return text;
    }

    public string RequiredString(string name, int min = 1, int max = int.MaxValue) =>
        String(name, min, max) ?? throw KinesisErrors.Validation("null", Member(name), "Member must not be null");

    public int? Int(string name, int min, int max)
    {
        if (!Has(name)) return null;
        var value = root.GetProperty(name);
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number)) throw KinesisErrors.Serialization($"{name}: expected an integer, found {value.ValueKind}");
        if (number < min) throw KinesisErrors.Validation(number.ToString(CultureInfo.InvariantCulture), Member(name), $"Member must have value greater than or equal to {min}");
        if (number > max) throw KinesisErrors.Validation(number.ToString(CultureInfo.InvariantCulture), Member(name), $"Member must have value less than or equal to {max}");
        return (int)number;
    }

    /// <summary>A timestamp as the SDKs send it: seconds since the epoch (fractions allowed) or an ISO 8601 string.</summary>
    public DateTimeOffset? Timestamp(string name)
    {
        if (!Has(name)) return null;
        var value = root.GetProperty(name);
        if (value.ValueKind == JsonValueKind.Number)
        {
            var seconds = value.GetDouble();
            // Beyond what DateTimeOffset holds is a client's mistake, not a server failure.
            if (!(seconds * 1000 >= DateTimeOffset.MinValue.ToUnixTimeMilliseconds() && seconds * 1000 <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()))
                throw KinesisErrors.InvalidArgument($"{name} {value.GetRawText()} is not a valid timestamp.");
            return DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
        }
        if (value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) return parsed;
        throw KinesisErrors.Serialization($"{name}: expected a timestamp, found {value.ValueKind}");
    }

    /// <summary>The stream an operation names, by StreamName or (newer SDKs) StreamARN.</summary>
    public string StreamName()
    {
        var name = String("StreamName", 1, 128);
        var arn = String("StreamARN", 1, 2048);
        if (arn is not null)
        {
            var named = StreamArn.NameOf(arn) ?? throw KinesisErrors.InvalidArgument($"StreamARN {arn} is not a stream of this region and account.");
            // Both may be given (the SDKs allow it); they must name the same stream.
            if (name is not null && name != named) throw KinesisErrors.InvalidArgument($"StreamARN {arn} and StreamName {name} do not name the same stream.");
            name = named;
        }
        if (name is null) throw KinesisErrors.Validation("null", "streamName", "Either StreamName or StreamARN should be provided.");
        if (!StreamNamePattern().IsMatch(name)) throw KinesisErrors.Validation(name, "streamName", "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        return name;
    }

    /// <summary>AWS's messages name members in camel case.</summary>
    public static string Member(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    [GeneratedRegex("^[a-zA-Z0-9_.-]+$")]
    private static partial Regex StreamNamePattern();
}
