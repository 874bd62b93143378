using Borealis.Streams.Api;
using Borealis.Streams.Auth;

namespace Borealis.Streams.Tests.Model;

public sealed class AuthTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>The "get-vanilla" case of AWS's Signature V4 test suite: an independent check of the verifier.</summary>
    [Fact]
    public void The_verifier_accepts_the_AWS_test_suite_vanilla_request_and_nothing_altered()
    {
        var verifier = new SigV4Verifier(new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), new FixedClock(new DateTimeOffset(2015, 8, 30, 12, 36, 0, TimeSpan.Zero)));
        Dictionary<string, string> Headers(string signature) => new()
        {
            ["host"] = "example.amazonaws.com",
            ["x-amz-date"] = "20150830T123600Z",
            ["authorization"] = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + signature,
        };
        const string good = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
        verifier.Verify(new SigV4Verifier.SignedRequest("GET", "/", "", Headers(good), ReadOnlyMemory<byte>.Empty));
        var altered = Assert.Throws<KinesisException>(() => verifier.Verify(new SigV4Verifier.SignedRequest("GET", "/", "a=b", Headers(good), ReadOnlyMemory<byte>.Empty)));
        Assert.Equal("InvalidSignatureException", altered.Type);
    }

    [Fact]
    public void Credentials_are_written_and_read_in_the_AWS_CLI_format()
    {
        var pair = AwsCredentials.Generate();
        Assert.StartsWith("AKIA", pair.AccessKeyId, StringComparison.Ordinal);
        Assert.Equal(20, pair.AccessKeyId.Length);
        Assert.Equal(40, pair.SecretAccessKey.Length);
        Assert.Equal(pair, AwsCredentials.Parse("[other]\naws_access_key_id = X\n\n" + pair.ToCliFormat()));
        Assert.Null(AwsCredentials.Parse("[other]\naws_access_key_id = X\naws_secret_access_key = Y\n"));
    }
}
