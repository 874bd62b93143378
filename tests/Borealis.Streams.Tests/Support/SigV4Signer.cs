using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Borealis.Streams.Tests.Support;

/// <summary>
/// Signs a request with AWS Signature V4 as an SDK does, written from the spec
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html) for the tests'
/// own client: it signs host, x-amz-date and x-amz-target, and the body's SHA-256.
/// </summary>
public static class SigV4Signer
{
    public static void Sign(HttpRequestMessage request, byte[] body, string accessKeyId, string secret, DateTimeOffset now, string region = "us-east-1", string service = "kinesis")
    {
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var day = amzDate[..8];
        var host = request.RequestUri!.Authority;
        var target = request.Headers.GetValues("X-Amz-Target").Single();
        request.Headers.Add("X-Amz-Date", amzDate);
        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(body));
        var canonical = $"POST\n/\n\nhost:{host}\nx-amz-date:{amzDate}\nx-amz-target:{target}\n\nhost;x-amz-date;x-amz-target\n{bodyHash}";
        var scope = $"{day}/{region}/{service}/aws4_request";
        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), day);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        var signature = Convert.ToHexStringLower(Hmac(key, toSign));
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={accessKeyId}/{scope}, SignedHeaders=host;x-amz-date;x-amz-target, Signature={signature}");
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
