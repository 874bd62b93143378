namespace Borealis.Streams.Tests.Clients;

/// <summary>A test that needs the AWS CLI; skipped, saying why, where it is not installed (scripts/test installs Debian's awscli).</summary>
public sealed class AwsCliFactAttribute : FactAttribute
{
    public AwsCliFactAttribute()
    {
        if (ExternalTool.Find("aws") is null) Skip = "the AWS CLI is not installed (apt-get install awscli; scripts/test does it)";
    }
}

/// <summary>A test that needs python3 with boto3; skipped, saying why, where it is missing (scripts/test installs Debian's python3-boto3).</summary>
public sealed class Boto3FactAttribute : FactAttribute
{
    public Boto3FactAttribute()
    {
        var python = ExternalTool.Find("python3");
        if (python is null) Skip = "python3 is not installed";
        else if (ExternalTool.RunAsync(python, ["-c", "import boto3"], new Dictionary<string, string>()).GetAwaiter().GetResult().ExitCode != 0)
            Skip = "python3 has no boto3 (apt-get install python3-boto3; scripts/test does it)";
    }
}
