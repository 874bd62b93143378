using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Borealis.Bench.Kinesis;

/// <summary>
/// AWS Signature V4 for the bench's client, as an SDK computes it
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html): POST to "/",
/// signing host, x-amz-date and x-amz-target and the body's SHA-256. Borealis verifies it;
/// kinesalite only checks that it is there. The signing key changes once a day, so it is kept.
/// </summary>
internal sealed class BenchSigV4(string accessKeyId, string secret, string region = "us-east-1", string service = "kinesis")
{
    private string _keyDay = "";
    private byte[] _key = [];

    public (string Date, string Authorization) Sign(string host, string target, ReadOnlySpan<byte> body)
    {
        var amzDate = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var day = amzDate[..8];
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        var canonical = $"POST\n/\n\nhost:{host}\nx-amz-date:{amzDate}\nx-amz-target:{target}\n\nhost;x-amz-date;x-amz-target\n{Convert.ToHexStringLower(hash)}";
        var scope = $"{day}/{region}/{service}/aws4_request";
        SHA256.HashData(Encoding.UTF8.GetBytes(canonical), hash);
        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Convert.ToHexStringLower(hash)}";
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(KeyFor(day), Encoding.UTF8.GetBytes(toSign)));
        return (amzDate, $"AWS4-HMAC-SHA256 Credential={accessKeyId}/{scope}, SignedHeaders=host;x-amz-date;x-amz-target, Signature={signature}");
    }

    private byte[] KeyFor(string day)
    {
        lock (this)
        {
            if (_keyDay != day)
            {
                var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), day);
                key = Hmac(key, region);
                key = Hmac(key, service);
                _key = Hmac(key, "aws4_request");
                _keyDay = day;
            }
            return _key;
        }
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
