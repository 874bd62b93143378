using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Borealis.Streams.Api;

namespace Borealis.Streams.Auth;

/// <summary>
/// Checks AWS Signature Version 4 on a request, header form
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html): rebuilds the
/// canonical request from what arrived, derives the signing key from the secret and the
/// credential scope, and compares signatures in constant time. Errors are the ones AWS answers
/// with, so SDKs report them as they would against AWS.
/// </summary>
public sealed class SigV4Verifier(AwsCredentials credentials, TimeProvider clock)
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>AWS refuses requests whose X-Amz-Date is further than this from its clock.</summary>
    private static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(15);

    /// <summary>What the verifier needs of a request, whatever server received it.</summary>
    public sealed record SignedRequest(string Method, string RawPath, string RawQuery, IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte> Body);

    /// <summary>Throws the AWS error for a request that is not signed by the configured key pair.</summary>
    public void Verify(SignedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Headers.TryGetValue("authorization", out var authorization) || !authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
            throw new KinesisException("MissingAuthenticationTokenException", "Missing Authentication Token");
        var fields = ParseAuthorization(authorization[(Algorithm.Length + 1)..]);
        if (!fields.TryGetValue("Credential", out var credential) || !fields.TryGetValue("SignedHeaders", out var signedHeaders) || !fields.TryGetValue("Signature", out var signature))
            throw new KinesisException("IncompleteSignatureException", $"Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters. Authorization={authorization}");
        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
            throw new KinesisException("IncompleteSignatureException", $"Credential should be scoped to a valid region, a service and 'aws4_request'. Credential={credential}");
        if (scope[0] != credentials.AccessKeyId)
            throw new KinesisException("UnrecognizedClientException", "The security token included in the request is invalid.");
        if (!request.Headers.TryGetValue("x-amz-date", out var amzDate)
            || !DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
            throw new KinesisException("IncompleteSignatureException", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        var now = clock.GetUtcNow();
        if ((now - signedAt).Duration() > AllowedSkew)
            throw new KinesisException("InvalidSignatureException", $"Signature expired: {amzDate} is now earlier than {(now - AllowedSkew):yyyyMMdd'T'HHmmss'Z'} ({now:yyyyMMdd'T'HHmmss'Z'} - 15 min.)");
        if (scope[1] != amzDate[..8])
            throw new KinesisException("InvalidSignatureException", $"Credential should be scoped to a valid date: {scope[1]} != {amzDate[..8]}");

        var names = signedHeaders.Split(';');
        var canonicalRequest = CanonicalRequest(request, names);
        var stringToSign = $"{Algorithm}\n{amzDate}\n{string.Join('/', scope[1..])}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + credentials.SecretAccessKey), Encoding.UTF8.GetBytes(scope[1]));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(scope[2]));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(scope[3]));
        key = HMACSHA256.HashData(key, "aws4_request"u8);
        var expected = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
            throw new KinesisException("InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }

    private static Dictionary<string, string> ParseAuthorization(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in text.Split(','))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0) fields[part[..eq].Trim()] = part[(eq + 1)..].Trim();
        }
        return fields;
    }

    private static string CanonicalRequest(SignedRequest request, string[] signedHeaders)
    {
        var builder = new StringBuilder();
        builder.Append(request.Method).Append('\n');
        builder.Append(request.RawPath.Length == 0 ? "/" : request.RawPath).Append('\n');
        builder.Append(CanonicalQuery(request.RawQuery)).Append('\n');
        foreach (var name in signedHeaders)
        {
            request.Headers.TryGetValue(name, out var value);
            builder.Append(name).Append(':').Append(CollapseSpaces(value ?? "")).Append('\n');
        }
        builder.Append('\n').Append(string.Join(';', signedHeaders)).Append('\n');
        var payloadHash = request.Headers.TryGetValue("x-amz-content-sha256", out var declared) && declared != "UNSIGNED-PAYLOAD" ? declared : Hex(SHA256.HashData(request.Body.Span));
        builder.Append(payloadHash);
        return builder.ToString();
    }

    /// <summary>Query parameters sorted by name then value, each already URI-encoded as sent.</summary>
    private static string CanonicalQuery(string rawQuery)
    {
        var query = rawQuery.TrimStart('?');
        if (query.Length == 0) return "";
        var pairs = query.Split('&').Select(p => p.Contains('=', StringComparison.Ordinal) ? p : p + "=").Order(StringComparer.Ordinal);
        return string.Join('&', pairs);
    }

    private static string CollapseSpaces(string value) => string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
