using System.Globalization;
using System.Text;

namespace Borealis.Bench.Support;

/// <summary>
/// Writes one machine-readable result line, <c>result bench=NAME key=value ...</c>, on stdout
/// (progress and logs go to stderr, so stdout is only results). Numbers in invariant culture.
/// </summary>
internal static class Result
{
    public static void Print(string bench, params ReadOnlySpan<(string Key, object Value)> fields)
    {
        var line = new StringBuilder("result bench=").Append(bench);
        foreach (var (key, value) in fields)
            line.Append(' ').Append(key).Append('=').Append(Format(value));
        Console.Out.WriteLine(line.ToString());
        Console.Out.Flush();
    }

    private static string Format(object value) => value switch
    {
        double d when double.IsNaN(d) => "nan",
        double d => d >= 1000 ? d.ToString("0", CultureInfo.InvariantCulture) : d.ToString("0.###", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static void Progress(string message) => Console.Error.WriteLine("# " + message);
}
