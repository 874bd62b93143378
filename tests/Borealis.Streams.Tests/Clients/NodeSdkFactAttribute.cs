namespace Borealis.Streams.Tests.Clients;

/// <summary>
/// A test that needs node and the AWS SDK for JavaScript's Kinesis client installed in
/// <c>tests/Borealis.Streams.Tests/node</c> (scripts/test runs npm install there); skipped, saying why, without them.
/// </summary>
public sealed class NodeSdkFactAttribute : FactAttribute
{
    public NodeSdkFactAttribute()
    {
        if (ExternalTool.Find("node") is null) Skip = "node is not installed";
        else if (NodeClientDirectory is not { } dir || !Directory.Exists(Path.Combine(dir, "node_modules", "@aws-sdk", "client-kinesis")))
            Skip = "@aws-sdk/client-kinesis is not installed (npm install in tests/Borealis.Streams.Tests/node; scripts/test does it)";
    }

    /// <summary>The test project's node directory, found by walking up from the test assembly to the repository.</summary>
    public static string? NodeClientDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "Borealis.Streams.Tests", "node");
                if (File.Exists(Path.Combine(candidate, "package.json"))) return candidate;
            }
            return null;
        }
    }
}
