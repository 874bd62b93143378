using System.Security.Cryptography;
using System.Text;

namespace Borealis.MySql;

/// <summary>
/// The RSA key pair caching_sha2_password uses to receive a password over a plain connection
/// (the client asks for the public key with 0x02, encrypts password XOR scramble with
/// RSA-OAEP/SHA-1). Kept as PEM under the data dir like mysqld's private_key.pem/public_key.pem,
/// generated on first start.
/// </summary>
public sealed class RsaKeyProvider : IDisposable
{
    public const string PrivateKeyFile = "mysql-rsa-private.pem";

    private readonly RSA _rsa;

    private RsaKeyProvider(RSA rsa)
    {
        _rsa = rsa;
        PublicKeyPem = Encoding.ASCII.GetBytes(rsa.ExportSubjectPublicKeyInfoPem() + "\n");
    }

    /// <summary>The public key as PEM (SubjectPublicKeyInfo), sent to the client on request.</summary>
    public byte[] PublicKeyPem { get; }

    public int KeySizeBytes => _rsa.KeySize / 8;

    public static RsaKeyProvider LoadOrCreate(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, PrivateKeyFile);
        var rsa = RSA.Create();
        try
        {
            if (File.Exists(path))
            {
                rsa.ImportFromPem(File.ReadAllText(path));
            }
            else
            {
                rsa.KeySize = 2048;
                var temporary = path + ".tmp";
                File.WriteAllText(temporary, rsa.ExportPkcs8PrivateKeyPem());
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                File.Move(temporary, path, overwrite: true);
            }
            return new RsaKeyProvider(rsa);
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    /// <summary>Recovers the cleartext password (without its NUL) from the client's RSA packet; false if it does not decrypt.</summary>
    public bool TryDecryptPassword(ReadOnlySpan<byte> encrypted, ReadOnlySpan<byte> scramble, out byte[] password)
    {
        password = [];
        if (encrypted.Length != KeySizeBytes) return false;
        byte[] plain;
        try
        {
            plain = _rsa.Decrypt(encrypted.ToArray(), RSAEncryptionPadding.OaepSHA1);
        }
        catch (CryptographicException)
        {
            return false;
        }
        for (var i = 0; i < plain.Length; i++) plain[i] ^= scramble[i % scramble.Length];
        var end = Array.IndexOf(plain, (byte)0);
        password = end < 0 ? plain : plain[..end];
        return true;
    }

    public void Dispose() => _rsa.Dispose();
}
