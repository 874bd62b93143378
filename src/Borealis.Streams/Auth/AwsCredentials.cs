using System.Security.Cryptography;
using System.Text;
using Borealis.Common;

namespace Borealis.Streams.Auth;

/// <summary>
/// The access key pair the AWS-style APIs accept. The embedded default makes one at first start
/// and keeps it in <c>DATA/credentials</c> in the AWS CLI's format, so
/// <c>AWS_SHARED_CREDENTIALS_FILE=DATA/credentials aws ...</c> just works.
/// </summary>
public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey)
{
    private const string KeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static AwsCredentials Generate() => new(
        "AKIA" + RandomNumberGenerator.GetString(KeyAlphabet, 16),
        RandomNumberGenerator.GetString(SecretAlphabet, 40));

    /// <summary>Reads the <c>[default]</c> profile of <paramref name="path"/>, writing a fresh pair there first if the file does not exist.</summary>
    public static AwsCredentials LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            var fresh = Generate();
            CrashSafe.WriteAllBytesDurably(path, Encoding.UTF8.GetBytes(fresh.ToCliFormat()));
            return fresh;
        }
        return Parse(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} has no [default] profile with aws_access_key_id and aws_secret_access_key");
    }

    public string ToCliFormat() => $"[default]\naws_access_key_id = {AccessKeyId}\naws_secret_access_key = {SecretAccessKey}\n";

    /// <summary>Reads the default profile of an AWS CLI credentials file; null if it lacks one.</summary>
    public static AwsCredentials? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? section = null, id = null, secret = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';') continue;
            if (line[0] == '[') { section = line.Trim('[', ']').Trim(); continue; }
            if (section != "default") continue;
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0) continue;
            var name = line[..eq].Trim();
            var value = line[(eq + 1)..].Trim();
            if (name == "aws_access_key_id") id = value;
            else if (name == "aws_secret_access_key") secret = value;
        }
        return id is null || secret is null ? null : new AwsCredentials(id, secret);
    }
}
